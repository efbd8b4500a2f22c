using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Portal.Domain.Common;

namespace Portal.Api;

/// <summary>
/// A list endpoint's query string read as the area's query record through <see cref="QueryKeys{T}"/>, the same
/// mapping the list page and its CSV export link use, so the keys cannot drift apart. A value that does not read
/// (an unknown status, a malformed id) is a 400 naming the key.
/// </summary>
public sealed class ListRequest<TQuery> : IBindableFromHttpContext<ListRequest<TQuery>>, IEndpointParameterMetadataProvider
    where TQuery : ListQuery, new()
{
    private ListRequest(TQuery query) => Query = query;

    public TQuery Query { get; }

    public static ValueTask<ListRequest<TQuery>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var values = context.Request.Query;
        return ValueTask.FromResult<ListRequest<TQuery>?>(new(QueryKeys<TQuery>.ReadOrThrow(key => values.TryGetValue(key, out var v) ? v.ToString() : null)));
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new ListQueryParameters(typeof(TQuery), QueryKeys<TQuery>.Names, QueryKeys<TQuery>.TypeOf));
}

/// <summary>Endpoint metadata: the query keys a list endpoint reads, for the OpenAPI document.</summary>
public sealed record ListQueryParameters(Type Query, IReadOnlyList<string> Names, Func<string, Type> TypeOf);

/// <summary>Writes a list endpoint's query keys into its OpenAPI operation, generated from the query record.</summary>
internal sealed class ListQueryParametersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ListQueryParameters>().FirstOrDefault() is not { } list)
            return Task.CompletedTask;
        operation.Parameters ??= [];
        foreach (var name in list.Names)
        {
            if (operation.Parameters.Any(p => p.Name == name)) continue;
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Schema = SchemaOf(list.TypeOf(name)) });
        }
        return Task.CompletedTask;
    }

    private static OpenApiSchema SchemaOf(Type type) => type switch
    {
        _ when type.IsEnum => new() { Type = JsonSchemaType.String, Enum = [.. Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(n))] },
        _ when type == typeof(bool) => new() { Type = JsonSchemaType.Boolean },
        _ when type == typeof(int) => new() { Type = JsonSchemaType.Integer, Format = "int32" },
        _ when type == typeof(Guid) => new() { Type = JsonSchemaType.String, Format = "uuid" },
        _ when type == typeof(DateTimeOffset) => new() { Type = JsonSchemaType.String, Format = "date-time" },
        _ => new() { Type = JsonSchemaType.String },
    };
}
