using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Api;

/// <summary>An OpenAPI tag with the description the reference shows above its operations; an area sets it on its routes.</summary>
public sealed record ApiTag(string Name, string Description) : ITagsMetadata
{
    IReadOnlyList<string> ITagsMetadata.Tags => [Name];
}

public static class ApiTagExtensions
{
    public static TBuilder WithTag<TBuilder>(this TBuilder builder, ApiTag tag) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(tag);
}

/// <summary>Writes each <see cref="ApiTag"/>'s description into the document's tag list.</summary>
internal sealed class ApiTagDescriptionsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var tags = context.DescriptionGroups.SelectMany(g => g.Items)
            .SelectMany(d => d.ActionDescriptor.EndpointMetadata.OfType<ApiTag>())
            .DistinctBy(t => t.Name).OrderBy(t => t.Name, StringComparer.Ordinal);
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var tag in tags)
        {
            if (document.Tags.FirstOrDefault(t => t.Name == tag.Name) is { } existing) existing.Description = tag.Description;
            else document.Tags.Add(new OpenApiTag { Name = tag.Name, Description = tag.Description });
        }
        return Task.CompletedTask;
    }
}
