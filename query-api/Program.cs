using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.FileProviders;
using SearchEngine.Cluster;
using SearchEngine.Collections;
using SearchEngine.Embeddings.Clip;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Fingerprints;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Media;
using SearchEngine.Ocr;
using SearchEngine.QueryApi;
using SearchEngine.QueryApi.Access;
using SearchEngine.QueryApi.Endpoints;
using SearchEngine.QueryApi.Enrichment;
using SearchEngine.QueryApi.Hosting;
using SearchEngine.QueryApi.Jobs;
using SearchEngine.QueryApi.Paging;
using SearchEngine.QueryApi.Problems;
using SearchEngine.QueryApi.Serving;
using SearchEngine.QueryApi.Uploads;
using SearchEngine.Retrieval;
using SearchEngine.Serving;
using SearchEngine.Storage;

var builder = WebApplication.CreateBuilder(args);
var apiOptions = builder.Configuration.GetSection(QueryApiOptions.SectionName).Get<QueryApiOptions>() ?? new QueryApiOptions();
builder.Services.AddOptions<QueryApiOptions>().BindConfiguration(QueryApiOptions.SectionName)
    .Validate(o => o.CloseMatchRelevance is null or (>= 0 and <= 1), "QueryApi:CloseMatchRelevance must be between 0 and 1 (a relevance).")
    .ValidateOnStart();

var connectionString = builder.Configuration.GetConnectionString("Search")
    ?? throw new InvalidOperationException("No PostgreSQL connection string: set ConnectionStrings:Search (environment variable ConnectionStrings__Search).");
// No migrations here: the indexer owns the schema (searchengine-indexer migrate), so the API may run under a read-only
// role and start while PostgreSQL is down. Statements get a timeout, so a stuck database answers 503, not a pile-up.
builder.Services.AddSearchEngineStorage(o =>
{
    builder.Configuration.GetSection("Storage").Bind(o);
    o.ConnectionString = connectionString;
    o.StatementTimeout ??= TimeSpan.FromSeconds(5);
});
builder.Services.AddMediaDecoding(o => builder.Configuration.GetSection(MediaOptions.SectionName).Bind(o));
builder.Services.AddModelPacks(o => builder.Configuration.GetSection("ModelPacks").Bind(o)).AddClipAndClapTowers();
builder.Services.Configure<OnnxSessionOptions>(builder.Configuration.GetSection("Embeddings:Onnx"));
builder.Services.AddSearchEngineCollections(o => builder.Configuration.GetSection(CollectionIndexOptions.SectionName).Bind(o));
builder.Services.AddFingerprints(o => builder.Configuration.GetSection(FingerprintOptions.SectionName).Bind(o));
builder.Services.AddRetrieval(o => builder.Configuration.GetSection(RetrievalOptions.SectionName).Bind(o));
builder.Services.AddSearchEngineServing(o => builder.Configuration.GetSection(ServingOptions.SectionName).Bind(o));
builder.Services.AddSearchEngineMaps();
// The indexer's pipeline (section Indexing), so that uploads and jobs over HTTP index exactly as the CLI does.
builder.Services.AddSearchEngineIngestion(o => builder.Configuration.GetSection(IndexingOptions.SectionName).Bind(o));
// Text in pictures (section Ocr): read in the background after indexing, so pictures are searchable by appearance first.
builder.Services.AddSearchEngineOcr(o => builder.Configuration.GetSection(OcrOptions.SectionName).Bind(o));
builder.Services.AddHostedService<PictureTextWorker>();
// Uploads (POST /api/collections/{name}/documents, section Uploads) and jobs (off unless Jobs:Roots names the folders they may read).
builder.Services.AddDocumentUploads();
// Cursor paging of search results (section QueryApi:Cursors).
builder.Services.AddSearchCursors();
builder.Services.AddIndexingJobs();
// Off by default (Cluster:Enabled): no Orleans starts and every collection is searched in this process.
builder.AddSearchEngineClusterMember(o => builder.Configuration.GetSection(ClusterMemberOptions.SectionName).Bind(o));

// Every client mistake is a problem; every client has a budget and every request a deadline.
builder.Services.AddSearchProblemDetails();
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
// Keys and scopes: ASP.NET Core's authentication (the API-key scheme) and authorization (a policy per scope).
builder.Services.AddApiKeyAccess(builder.Configuration);
builder.Services.AddClientRateLimiting(apiOptions.RateLimits);
builder.Services.AddSearchRequestTimeouts(apiOptions);
builder.Services.MoveHostFilteringInsideErrorPages();

builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
builder.Services.AddSingleton<ApiKeySecuritySchemes>();
builder.Services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecuritySchemes>().AddOperationTransformer<ApiKeySecuritySchemes>());
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = apiOptions.MaxUploadBytes);
// The request-body limit leaves room for the multipart framing and form fields around the file.
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = apiOptions.MaxUploadBytes + (64 * 1024));

var app = builder.Build();
// Headers on every response; errors, then Host filtering inside them, so a refused Host is a problem too.
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHostFilteringExceptProbes();
// The page ships in wwwroot beside the program (query-api links web/ there); serve it from there whatever the working
// directory is, unless the host was given a web root that holds the page (as the tests do).
var webRoot = app.Environment.WebRootPath is { } configured && File.Exists(Path.Combine(configured, "index.html"))
    ? configured
    : Path.Combine(AppContext.BaseDirectory, "wwwroot");
var page = new PhysicalFileProvider(webRoot);
app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
app.UseStaticFiles(new StaticFileOptions { FileProvider = page });

// The page's static files above are served before these, so only the API is limited and timed. The key is read
// first, so that the rate limiter counts a keyed request against its key; then each endpoint's policy is checked.
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseRequestTimeouts();

app.MapOpenApi();
app.MapHealthChecks("/health", new HealthCheckOptions
{
    Predicate = _ => false,
    ResponseWriter = (context, _) => context.Response.WriteAsJsonAsync(new { status = "ok" }),
});
app.MapHealthChecks("/ready", new HealthCheckOptions
{
    Predicate = check => check.Tags.Contains("ready"),
    ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new
    {
        status = report.Status.ToString().ToLowerInvariant(),
        checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Description),
    }),
});
app.MapSearchEndpoints();
app.MapDocumentEndpoints();
app.MapDocumentWriteEndpoints();
app.MapUploadEndpoints();
app.MapCollectionEndpoints();
app.MapEmbeddingMapEndpoints();
app.MapJobEndpoints();
app.MapKeyEndpoints();
app.MapClusterEndpoints();

await app.RunAsync();

/// <summary>The application's entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
