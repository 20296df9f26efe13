namespace SearchEngine.QueryApi.Jobs;

/// <summary>Registers indexing jobs over HTTP: their options, roots, queue and runner.</summary>
internal static class JobServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="JobOptions"/> (section <c>Jobs</c>), <see cref="JobRoots"/>, <see cref="JobQueue"/> and the
    /// <see cref="JobRunner"/> hosted service. The indexing pipeline (<c>AddSearchEngineIngestion</c>) must be added too.
    /// </summary>
    public static IServiceCollection AddIndexingJobs(this IServiceCollection services)
    {
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.SectionName)
            .Validate(o => o.QueueCapacity >= 1, "Jobs:QueueCapacity must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<JobRoots>();
        services.AddSingleton<JobQueue>();
        services.AddHostedService<JobRunner>();
        return services;
    }
}
