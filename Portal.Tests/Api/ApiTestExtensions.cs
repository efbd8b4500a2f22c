using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Api;

/// <summary>Small helpers so API tests read as specifications: send, then assert status and problem body.</summary>
public static class ApiTestExtensions
{
    public const string StrongPassword = "Correct-Horse-42";

    /// <summary>A unique, valid staff user body (emails never collide between tests that share an app).</summary>
    public static CreateStaffUser NewStaffUser(string? displayName = null, params string[] roles) => new()
    {
        Email = $"user-{Guid.NewGuid():N}@test.example",
        DisplayName = displayName ?? "Test User",
        Roles = roles.Length == 0 ? [Roles.Viewer] : [.. roles],
        Password = StrongPassword,
    };

    /// <summary>Creates a staff user through the service (arranging, not the API under test).</summary>
    public static Task<StaffUserRow> ArrangeStaffUserAsync(this PortalApiFactory factory, CreateStaffUser? body = null) =>
        factory.AsAdminAsync(sp => sp.GetRequiredService<StaffUserService>().CreateAsync(body ?? NewStaffUser()));

    public static Task<CreatedApiKey> ArrangeApiKeyAsync(this PortalApiFactory factory, string role = Roles.Viewer, DateTimeOffset? expiresAt = null) =>
        factory.AsAdminAsync(sp => sp.GetRequiredService<ApiKeyService>().CreateAsync(
            new CreateApiKey { Name = $"arranged {Guid.NewGuid():N}"[..30], Role = role, ExpiresAt = expiresAt }));

    public static HttpRequestMessage WithIfMatch(this HttpRequestMessage request, string etag)
    {
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    public static HttpRequestMessage Post(string url, object? body = null) =>
        new(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };

    public static HttpRequestMessage Put(string url, object body) => new(HttpMethod.Put, url) { Content = JsonContent.Create(body) };

    public static string? ETag(this HttpResponseMessage response) => response.Headers.ETag?.ToString();

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and that the body is a ProblemDetails document with that status; returns it.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>400 ProblemDetails whose <c>errors</c> has a non-empty message list for every given field.</summary>
    public static async Task<JsonElement> ShouldHaveFieldErrorsAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"Expected errors.{field} in {errors}");
            Assert.Contains(messages.EnumerateArray(), m => !string.IsNullOrWhiteSpace(m.GetString()));
        }
        return problem;
    }

    public static string Code(this JsonElement problem) => problem.GetProperty("code").GetString()!;

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success but got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, JsonSerializerOptions.Web)!;
    }

    public static void ShouldHaveNoStore(this HttpResponseMessage response) =>
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"Cache-Control was '{response.Headers.CacheControl}'");

    public static MediaTypeHeaderValue Json => new("application/json");
}
