using SearchEngine.Media;

namespace SearchEngine.QueryApi.Uploads;

/// <summary>Registers what POST /api/collections/{name}/documents needs beside the indexing pipeline: the upload store and its options.</summary>
internal static class UploadServices
{
    public static IServiceCollection AddDocumentUploads(this IServiceCollection services)
    {
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName)
            .Validate(o => o.MaxFilesPerRequest > 0, "Uploads:MaxFilesPerRequest must be positive.")
            .Validate(o => o.MaxRequestBytes > 0, "Uploads:MaxRequestBytes must be positive.")
            .Validate(o => o.MaxJsonBytes > 0, "Uploads:MaxJsonBytes must be positive.")
            .ValidateOnStart();
        services.AddSingleton<UploadStore>();
        services.AddTransient<DocumentUploader>();
        // The store is a media root, so the pipeline accepts its files and /api/documents/{id}/media serves them. With no
        // roots configured there is nothing to add: every file, uploads included, is then checked against the path it
        // was indexed from, and adding the store alone would shut out every other folder.
        services.AddOptions<MediaOptions>().PostConfigure<UploadStore>((media, uploads) =>
        {
            if (media.Roots.Count > 0 && !media.Roots.Contains(uploads.Root, StringComparer.Ordinal))
            {
                media.Roots.Add(uploads.Root);
            }
        });
        return services;
    }
}
