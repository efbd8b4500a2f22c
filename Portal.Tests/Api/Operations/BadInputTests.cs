using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Store;
using Portal.Tests.Support;
using Xunit.Abstractions;

namespace Portal.Tests.Api.Operations;

/// <summary>
/// Bad input never breaks Portal, proven for every operation of the OpenAPI document without a row per route: each
/// operation is sent malformed JSON, <c>{}</c>, <c>[]</c>, wrong types, nulls, 10,000-character strings, negative and huge
/// numbers in each body field, non-GUID and unknown ids, wrong content types, out-of-range paging, unknown sort fields and
/// filter values, and broken CSV files. Every answer must be a 4xx ProblemDetails, and the store must be exactly as it
/// was after each operation's batch. A new area's routes are covered as soon as they are in the document.
/// </summary>
public sealed class BadInputTests(PortalApiFactory factory, ITestOutputHelper output) : IClassFixture<PortalApiFactory>
{
    private const string Api = "/api/v1";
    private static readonly string LongText = new('x', 10_000);
    private const string NotAGuid = "not-a-guid";
    private const string TooBigForLong = "9223372036854775808"; // long.MaxValue + 1

    /// <summary>
    /// Bodies whose every field has a default, so <c>{}</c> is a complete request (a PUT back to the defaults), kept by hand
    /// because that is a decision about the resource: a domain's look is its theme colour and logo, both optional.
    /// </summary>
    private static readonly HashSet<string> EmptyBodyIsComplete =
    [
        "PUT /api/v1/organisations/{id}/domains/{domainId}",
        "PUT /api/v1/parcels/{id}", // weight, dimensions and tracking code are all optional: {} clears them
        "POST /api/v1/shipments/{id}/cancel", // the reason is optional
        "PUT /api/v1/business-connections/{id}", // notes are optional: {} clears them
    ];

    /// <summary>Operations whose body may be left out altogether (an empty body or <c>null</c> is the same request as <c>{}</c>).</summary>
    private static readonly HashSet<string> BodyIsOptional = ["POST /api/v1/shipments/{id}/cancel"];

    [Fact]
    public async Task EveryOperation_RefusesBadInput_WithA4xxProblem_AndChangesNothing()
    {
        // A signed-in Admin may call everything (keys may not create keys or people), so no refusal hides a 500.
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        // A key caller skips the cookie caller's antiforgery check on CSV forms, so broken files reach the parser.
        using var adminKey = await factory.ClientWithRoleAsync(Roles.Admin);
        var document = await ReadDocumentAsync(admin);
        var (arranged, arrangedByParameter) = await ArrangeAsync(admin);
        // The agency-scoped routes admit only an agency's `hash` secret: their bad input goes with one.
        using var agency = factory.CreateClient();
        agency.DefaultRequestHeaders.Add("hash", await ArrangeAgencyAsync(admin, arranged));
        HttpClient CallerOf(Operation op) => op.Path.StartsWith($"{Api}/agency/", StringComparison.Ordinal) ? agency : admin;
        await adminKey.GetAsync($"{Api}/modules"); // the key's first use of the day is stamped now, not inside a batch

        var tally = new Tally();
        var withoutRealIds = new List<string>();
        var closedToKeys = new List<string>();
        foreach (var operation in Operations(document))
        {
            var ids = await RealIdsAsync(CallerOf(operation), operation, arranged, arrangedByParameter);
            if (ids is null) withoutRealIds.Add($"{operation}: no real id found, only bad ids sent");
            var etag = ids is null ? null : await ETagAsync(CallerOf(operation), Fill(operation.Path, ids));
            var cases = Cases(operation, ids, etag).ToList();

            var before = await SnapshotAsync();
            var keysRefused = false;
            foreach (var bad in cases)
            {
                if (bad.ByApiKey && keysRefused) continue;
                using var request = bad.Request();
                HttpResponseMessage response;
                try { response = await (bad.ByApiKey ? adminKey : CallerOf(operation)).SendAsync(request); }
                catch (HttpRequestException broken) { tally.BrokenOff(operation, bad, broken); continue; } // a streamed answer failed midway
                using var _ = response;
                // Some routes are for people only (creating staff users): the signed-in Admin's cases still reach them.
                if (bad.ByApiKey && response.StatusCode == HttpStatusCode.Forbidden) { keysRefused = true; closedToKeys.Add($"{operation}: closed to API keys, sent signed in only"); continue; }
                await tally.JudgeAsync(operation, bad, response);
            }
            var changed = Differences(before, await SnapshotAsync());
            if (changed.Count > 0) tally.Changed(operation, changed);
        }

        output.WriteLine(tally.Summary);
        foreach (var line in closedToKeys.Concat(withoutRealIds).Concat(tally.Findings)) output.WriteLine(line);
        Assert.True(tally.Operations > 60 && tally.Requests > 1000, $"only {tally.Operations} operations and {tally.Requests} requests: {tally.Summary}");
        Assert.Empty(withoutRealIds);
        Assert.True(tally.Findings.Count == 0, $"{tally.Summary}\n  {string.Join("\n  ", tally.Findings.Take(80))}");
    }

    // ---- the operations and their bad requests, read from the OpenAPI document ----

    private sealed record Parameter(string Name, string In, Schema Schema);

    private sealed record Operation(HttpMethod Method, string Path, IReadOnlyList<Parameter> Parameters, Schema? JsonBody, bool CsvBody)
    {
        public IEnumerable<Parameter> PathParameters => Parameters.Where(p => p.In == "path");
        public IEnumerable<Parameter> QueryParameters => Parameters.Where(p => p.In == "query");
        public bool IsList => QueryParameters.Any(p => p.Name == "page") && QueryParameters.Any(p => p.Name == "pageSize");
        public override string ToString() => $"{Method} {Path}";
    }

    private enum Kind { String, Guid, DateTime, Enum, Integer, Boolean, Array, Object, Other }

    /// <summary>A schema with its $ref and nullable oneOf resolved.</summary>
    private sealed record Schema(Kind Kind, bool Nullable, IReadOnlyList<(string Name, Schema Schema)> Properties, Schema? Items);

    private async Task<JsonElement> ReadDocumentAsync(HttpClient client)
    {
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static IEnumerable<Operation> Operations(JsonElement document)
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                var parameters = op.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("schema", out var s) ? Resolve(s, schemas, 0) : new Schema(Kind.String, false, [], null))).ToList()
                    : [];
                Schema? json = null;
                var csv = false;
                if (op.Value.TryGetProperty("requestBody", out var body))
                {
                    var content = body.GetProperty("content");
                    if (content.TryGetProperty("application/json", out var j)) json = Resolve(j.GetProperty("schema"), schemas, 0);
                    csv = content.TryGetProperty("text/csv", out _);
                }
                yield return new Operation(new HttpMethod(op.Name.ToUpperInvariant()), path.Name, parameters, json, csv);
            }
        }
    }

    private static Schema Resolve(JsonElement schema, JsonElement schemas, int depth)
    {
        var nullable = false;
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            nullable = oneOf.EnumerateArray().Any(IsNullType);
            schema = oneOf.EnumerateArray().First(s => !IsNullType(s));
        }
        if (schema.TryGetProperty("$ref", out var reference))
            schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        var types = !schema.TryGetProperty("type", out var t) ? [] :
            t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToArray() : [t.GetString()!];
        nullable |= types.Contains("null");
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var kind = schema.TryGetProperty("enum", out _) ? Kind.Enum
            : types.Contains("integer") || types.Contains("number") ? Kind.Integer
            : types.Contains("boolean") ? Kind.Boolean
            : types.Contains("array") ? Kind.Array
            : types.Contains("object") || schema.TryGetProperty("properties", out _) ? Kind.Object
            : types.Contains("string") ? format switch { "uuid" => Kind.Guid, "date-time" => Kind.DateTime, "binary" => Kind.Other, _ => Kind.String }
            : Kind.Other;
        var properties = kind == Kind.Object && depth < 3 && schema.TryGetProperty("properties", out var props)
            ? props.EnumerateObject().Select(p => (p.Name, Resolve(p.Value, schemas, depth + 1))).ToList()
            : [];
        var items = kind == Kind.Array && schema.TryGetProperty("items", out var i) ? Resolve(i, schemas, depth + 1) : null;
        return new Schema(kind, nullable, properties, items);
    }

    private static bool IsNullType(JsonElement s) => s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";

    /// <summary>One bad request: what is wrong with it, how to build it, and which caller sends it.</summary>
    /// <param name="IsSearch">A search or filter value that merely finds nothing (an unknown name, text with a quote): a 2xx is honest.</param>
    private sealed record BadRequest(string What, HttpMethod Method, string Url, Func<HttpContent?> Body, string? IfMatch,
        bool ByApiKey = false, bool NamesAField = false, bool IsSearch = false)
    {
        public HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(Method, Url) { Content = Body() };
            if (IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", IfMatch);
            return request;
        }
    }

    private static HttpContent Json(string text) => new StringContent(text, Encoding.UTF8, "application/json");
    private static HttpContent Typed(string text, string mediaType) => new StringContent(text, Encoding.UTF8, mediaType);
    private static HttpContent Bytes(byte[] bytes, string mediaType) => new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } };

    private static HttpContent FileForm(byte[] bytes, string field = "file") =>
        new MultipartFormDataContent { { new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, field, "upload.csv" } };

    private static IEnumerable<BadRequest> Cases(Operation op, IReadOnlyDictionary<string, string>? ids, string? etag)
    {
        // Bad ids, one path parameter at a time, the others real; a body that reads, so the id is what is wrong.
        foreach (var parameter in op.PathParameters)
        {
            var badValues = parameter.Schema.Kind == Kind.Guid
                ? new[] { ("non-GUID", NotAGuid), ("unknown GUID", Guid.CreateVersion7().ToString()) }
                : [("unknown", "no-such-id"), ("10,000 characters", LongText)];
            foreach (var (what, value) in badValues)
            {
                var url = Fill(op.Path, ids, (parameter.Name, value));
                yield return new($"{parameter.Name} {what}", op.Method, url, () => op.JsonBody is null ? null : Json("{}"), etag ?? "\"1\"");
            }
        }

        // Everything else goes to real rows: "valid id + bad input". An operation without a body and without query
        // parameters has nothing else to get wrong (sending it with real ids would do what it says).
        if (ids is null && op.PathParameters.Any()) yield break;
        var target = Fill(op.Path, ids);

        Func<HttpContent?> readableBody = op.JsonBody is not null ? () => Json("{}") : op.CsvBody ? () => Bytes(WrongHeader, "text/csv") : () => null;
        foreach (var bad in QueryCases(op)) yield return bad with { Method = op.Method, Url = target + bad.Url, Body = readableBody, IfMatch = etag };
        if (op.JsonBody is { } body)
            foreach (var bad in JsonBodyCases(body).Where(c => !(c.What == "{}" && EmptyBodyIsComplete.Contains(op.ToString()))
                         && !(c.What is "empty body" or "null" && BodyIsOptional.Contains(op.ToString()))))
                yield return bad with { Method = op.Method, Url = target, IfMatch = etag };
        if (op.CsvBody)
            foreach (var bad in CsvCases()) yield return bad with { Method = op.Method, Url = target, IfMatch = etag };
    }

    private static IEnumerable<BadRequest> QueryCases(Operation op)
    {
        BadRequest Query(string what, string name, string value, bool isSearch = false) =>
            new(what, HttpMethod.Get, $"?{name}={Uri.EscapeDataString(value)}", () => null, null, NamesAField: true, IsSearch: isSearch);

        foreach (var parameter in op.QueryParameters)
        {
            var name = parameter.Name;
            switch (name)
            {
                case "page" or "pageSize":
                    foreach (var value in new[] { "0", "-1", "2147483648", "99999999999999999999", "abc", name == "pageSize" ? $"{ListQuery.MaxPageSize + 1}" : "1e300" })
                        yield return Query($"{name}={value}", name, value);
                    break;
                case "sort":
                    foreach (var value in new[] { "noSuchField", "-noSuchField", "+-", "noSuchField,-noSuchField", LongText })
                        yield return Query($"sort={Abbreviate(value)}", name, value);
                    break;
                default:
                    foreach (var (what, value, isSearch) in QueryValues(parameter.Schema))
                        yield return Query($"{name} {what}", name, value, isSearch);
                    break;
            }
        }
    }

    /// <summary>Values a query key of this type cannot take.</summary>
    private static IEnumerable<(string What, string Value, bool IsSearch)> QueryValues(Schema schema) => schema.Kind switch
    {
        Kind.Enum => [("unknown value", "NoSuchValue", false), ("undefined number", "999", false), ("10,000 characters", LongText, false)],
        Kind.Boolean => [("not a boolean", "maybe", false), ("number", "2", false)],
        Kind.Guid => [("non-GUID", NotAGuid, false), ("10,000 characters", LongText, false)],
        Kind.DateTime => [("not a date", "not-a-date", false), ("before year 1 in UTC", "0001-01-01T00:00:00+14:00", false),
            ("after 9999 in UTC", "9999-12-31T23:59:59-14:00", false)],
        Kind.Integer => [("not a number", "abc", false), ("negative", "-1", false), ("huge", "1e300", false), ("past long", TooBigForLong, false)],
        // Free text (a search, or a filter the document types as text): an unknown value finds nothing, honestly.
        _ => [("unknown value", "no-such-value", true), ("search syntax", "\"a* OR b) NEAR(% _ \\ ' ^-:", true),
            ("10,000 characters", LongText, false), ("control characters", "a\u0000b\u001b", false)],
    };

    private static IEnumerable<BadRequest> JsonBodyCases(Schema body)
    {
        BadRequest Body(string what, Func<HttpContent?> content, bool namesAField = false) =>
            new(what, HttpMethod.Post, "", content, null, NamesAField: namesAField);

        yield return Body("malformed JSON", () => Json("{\"a\":"));
        yield return Body("not JSON", () => Json("not json at all"));
        yield return Body("empty body", () => Json(""));
        yield return Body("{}", () => Json("{}"));
        yield return Body("[]", () => Json("[]"));
        yield return Body("null", () => Json("null"));
        yield return Body("a number", () => Json("42"));
        yield return Body("nested 1,000 deep", () => Json(new string('[', 1000) + new string(']', 1000)));
        yield return Body("text/plain", () => Typed("{}", "text/plain"));
        yield return Body("application/xml", () => Typed("<body/>", "application/xml"));
        yield return Body("form", () => new FormUrlEncodedContent([new("a", "b")]));
        yield return Body("no content type", () => new ByteArrayContent("{}"u8.ToArray()));

        foreach (var (path, schema, inListFilter) in Fields(body, [], false))
        {
            var field = string.Join('.', path);
            foreach (var (what, value) in FieldValues(schema))
            {
                var json = Nest(path, value).ToJsonString();
                // A list filter sent as JSON (a bulk change's "filter") selects nothing for an id no row has.
                var isSearch = inListFilter && what is "unknown GUID" or "empty GUID";
                yield return Body($"{field} {what}", () => Json(json), namesAField: true) with { IsSearch = isSearch };
            }
        }
    }

    /// <summary>Every field of a body, nested objects' fields included (as paths), and whether it is a list filter's.</summary>
    private static IEnumerable<(string[] Path, Schema Schema, bool InListFilter)> Fields(Schema schema, string[] prefix, bool inListFilter)
    {
        foreach (var (name, property) in schema.Properties)
        {
            string[] path = [.. prefix, name];
            yield return (path, property, inListFilter);
            var isListFilter = property.Properties.Any(p => p.Name == "page") && property.Properties.Any(p => p.Name == "pageSize");
            if (property.Kind == Kind.Object) foreach (var inner in Fields(property, path, inListFilter || isListFilter)) yield return inner;
        }
    }

    /// <summary>Values a field of this type cannot take: wrong types, null where it may not be null, too long, out of range.</summary>
    private static IEnumerable<(string What, JsonNode? Value)> FieldValues(Schema schema)
    {
        var scalarText = schema.Kind is Kind.String or Kind.Guid or Kind.DateTime or Kind.Enum;
        if (!schema.Nullable) yield return ("null", null);
        if (scalarText)
        {
            yield return ("a number", 12345);
            yield return ("an object", new JsonObject { ["a"] = 1 });
            yield return ("an array", new JsonArray("a"));
            yield return ("10,000 characters", LongText);
        }
        switch (schema.Kind)
        {
            case Kind.Guid:
                yield return ("non-GUID", NotAGuid);
                yield return ("unknown GUID", Guid.CreateVersion7().ToString());
                yield return ("empty GUID", Guid.Empty.ToString());
                break;
            case Kind.DateTime:
                yield return ("not a date", "not-a-date");
                yield return ("before year 1 in UTC", "0001-01-01T00:00:00+14:00");
                yield return ("after 9999 in UTC", "9999-12-31T23:59:59-14:00");
                yield return ("long past", "1900-01-01T00:00:00Z");
                break;
            case Kind.Enum:
                yield return ("unknown value", "NoSuchValue");
                yield return ("undefined number", 999);
                yield return ("negative number", -1);
                break;
            case Kind.Integer:
                yield return ("text", "not-a-number");
                yield return ("a boolean", true);
                yield return ("an object", new JsonObject());
                yield return ("negative", -1);
                yield return ("1e300", JsonNode.Parse("1e300"));
                yield return ("long.MaxValue+1", JsonNode.Parse(TooBigForLong));
                yield return ("a fraction", 1.5);
                break;
            case Kind.Boolean:
                yield return ("text", "maybe");
                yield return ("a number", 2);
                break;
            case Kind.Array:
                yield return ("text", "a");
                yield return ("an object", new JsonObject { ["a"] = 1 });
                yield return ("[null]", new JsonArray((JsonNode?)null));
                if (schema.Items is { Kind: Kind.String or Kind.Guid or Kind.Enum })
                {
                    yield return ("[a number]", new JsonArray(12345));
                    yield return ("[10,000 characters]", new JsonArray(LongText));
                }
                if (schema.Items is { Kind: Kind.Guid }) yield return ("[non-GUID]", new JsonArray(NotAGuid));
                break;
            case Kind.Object:
                yield return ("text", "a");
                yield return ("an array", new JsonArray());
                break;
            case Kind.String:
                yield return ("a boolean", true);
                yield return ("control characters", "\u0000\u0001\u001b");
                break;
        }
    }

    private static JsonNode Nest(string[] path, JsonNode? value)
    {
        var node = new JsonObject { [path[^1]] = value };
        foreach (var name in path[..^1].Reverse()) node = new JsonObject { [name] = node };
        return node;
    }

    private static readonly byte[] WrongHeader = "colour,flavour\nred,sweet\n"u8.ToArray();
    private static readonly byte[] Binary = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0xFE, 0xC3, 0x28, 0xA0, 0xA1, 0x00, 0x80];

    private static IEnumerable<BadRequest> CsvCases()
    {
        foreach (var byKey in new[] { false, true })
        {
            var by = byKey ? "by API key" : "signed in";
            BadRequest Csv(string what, Func<HttpContent?> content) => new($"{what}, {by}", HttpMethod.Post, "", content, null, byKey);
            yield return Csv("empty CSV", () => Bytes([], "text/csv"));
            yield return Csv("no body", () => null);
            yield return Csv("wrong header", () => Bytes(WrongHeader, "text/csv"));
            yield return Csv("binary", () => Bytes(Binary, "text/csv"));
            yield return Csv("10,000-character header", () => Bytes(Encoding.UTF8.GetBytes(LongText + "\n" + LongText), "text/csv"));
            yield return Csv("form, empty file", () => FileForm([]));
            yield return Csv("form, wrong header", () => FileForm(WrongHeader));
            yield return Csv("form, binary", () => FileForm(Binary));
            yield return Csv("form without a file field", () => FileForm(WrongHeader, field: "other"));
            yield return Csv("JSON", () => Json("{}"));
            yield return Csv("application/xml", () => Typed("<csv/>", "application/xml"));
            yield return Csv("text/plain", () => Typed("colour\nred", "text/plain"));
        }
    }

    // ---- real rows: an organisation with every kind of part, a staff user and an API key ----

    /// <summary>Creates the rows the bad requests aim at; answers their ids (and the module switched on).</summary>
    private static async Task<(HashSet<string> Ids, Dictionary<string, string> ByParameter)> ArrangeAsync(HttpClient admin)
    {
        var ids = new HashSet<string>();
        var byParameter = new Dictionary<string, string>(); // for path parameters that no list above them answers
        async Task<JsonElement> SendAsync(HttpMethod method, string url, object body, string? etag = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
            if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
            using var response = await admin.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"arranging {method} {url}: {(int)response.StatusCode} {text}");
            var json = JsonDocument.Parse(text).RootElement.Clone();
            if (json.TryGetProperty("id", out var id)) ids.Add(id.GetString()!);
            return json;
        }
        async Task<string> ETag(string url) => (await admin.GetAsync(url)).ETag()!;

        var unique = Guid.NewGuid().ToString("N")[..12];
        var created = await SendAsync(HttpMethod.Post, $"{Api}/organisations", new
        {
            name = $"Bad Input {unique}", billingEmail = $"accounts@badinput-{unique}.example", countryCode = "GB",
            owner = new { email = $"owner-{unique}@badinput.example", givenName = "Olive", familyName = "Owner" },
        });
        var org = $"{Api}/organisations/{created.GetProperty("organisation").GetProperty("id").GetString()}";
        ids.Add(created.GetProperty("organisation").GetProperty("id").GetString()!);
        var bea = await SendAsync(HttpMethod.Post, $"{org}/members", new { email = $"bea-{unique}@badinput.example", givenName = "Bea", familyName = "Baker" }, await ETag(org));
        await SendAsync(HttpMethod.Post, $"{org}/addresses", new { kind = "Billing", line1 = "1 Orchard Lane", city = "Chichester", postcode = "PO18 9JP", countryCode = "GB" }, await ETag(org));
        await SendAsync(HttpMethod.Post, $"{org}/phone-numbers", new { label = "Main", number = "+44 20 7946 0958" }, await ETag(org));
        await SendAsync(HttpMethod.Post, $"{org}/vat-numbers", new { countryCode = "GB", number = "GB123456789" }, await ETag(org));
        await SendAsync(HttpMethod.Post, $"{org}/domains", new { hostName = $"portal.{unique}.example.com" }, await ETag(org));
        await SendAsync(HttpMethod.Put, $"{org}/modules/trading", new { }, await ETag(org));
        ids.Add("trading");
        await SendAsync(HttpMethod.Put, $"{org}/bank-details", new { accountHolderName = "Bad Input Ltd", sortCode = "12-34-56", accountNumber = "12345678" }, await ETag(org));
        await SendAsync(HttpMethod.Post, $"{org}/activate", new { }, await ETag(org)); // active, so suspend reaches its reason
        await SendAsync(HttpMethod.Post, $"{org}/invitations", new { email = $"invitee-{unique}@badinput.example", role = "Member" });
        var applicationRequest = await SendAsync(HttpMethod.Post, $"{org}/application-requests", new { email = $"applicant-{unique}@badinput.example", pageLink = "https://app.rayt.io/form/identity", source = "Bad input" });
        byParameter["shortCode"] = applicationRequest.GetProperty("shortCode").GetString()!; // its routes are keyed by the short code
        var user = await SendAsync(HttpMethod.Post, $"{Api}/staff-users", ApiTestExtensions.NewStaffUser("Bad Input Target", Roles.Staff));
        var key = await SendAsync(HttpMethod.Post, $"{Api}/api-keys", new { name = $"bad input {unique}", role = Roles.Viewer });
        ids.Add(user.GetProperty("id").GetString()!);
        ids.Add(key.GetProperty("key").GetProperty("id").GetString()!);

        // Logistics: a location with a position, a method, a shipment on a list with one unit picked, and a parcel.
        var location = await SendAsync(HttpMethod.Post, $"{Api}/locations", new { name = $"Depot {unique}", line1 = "1 Dock Road", city = "Hull", postcode = "HU1 1AA", countryCode = "GB" });
        var locationId = location.GetProperty("location").GetProperty("id").GetString()!;
        ids.Add(locationId);
        await SendAsync(HttpMethod.Post, $"{Api}/locations/{locationId}/positions", new { code = "A-01" }, await ETag($"{Api}/locations/{locationId}"));
        await SendAsync(HttpMethod.Post, $"{Api}/locations/{locationId}/positions", new { code = "Z-99" }, await ETag($"{Api}/locations/{locationId}"));
        var positions = (await (await admin.GetAsync($"{Api}/locations/{locationId}")).JsonAsync()).GetProperty("positions");
        byParameter["positionId"] = positions.EnumerateArray().Last().GetProperty("id").GetString()!; // Z-99: no line uses it
        await SendAsync(HttpMethod.Post, $"{Api}/shipping-methods", new { carrier = "dpd", service = $"s{unique}", name = "Next day", countries = new[] { "GB" }, maxWeightGrams = 5000 });
        var shipment = await SendAsync(HttpMethod.Post, $"{Api}/shipments", new
        {
            type = "Delivery", direction = "Outbound", locationId, from = new { kind = "Location", locationId },
            to = new { kind = "Address", name = "Ada Lovelace", line1 = "1 High Street", city = "York", postcode = "YO1 7HH", countryCode = "GB" },
            orderReference = $"ORD-{unique}", lines = new[] { new { sku = "MUG", quantity = 2, position = "A-01" } },
        });
        var shipmentId = shipment.GetProperty("shipment").GetProperty("id").GetString()!;
        ids.Add(shipmentId);
        var list = await SendAsync(HttpMethod.Post, $"{Api}/handling-lists", new { shipments = new[] { new { id = shipmentId } } });
        var listId = list.GetProperty("list").GetProperty("id").GetString()!;
        ids.Add(listId);
        await SendAsync(HttpMethod.Put, $"{Api}/handling-lists/{listId}/items", new { key = $"k{unique}", sku = "MUG", quantity = 1 });
        byParameter["key"] = $"k{unique}";
        var parcel = await SendAsync(HttpMethod.Post, $"{Api}/parcels", new { shipmentId, weightGrams = 900 });
        ids.Add(parcel.GetProperty("parcel").GetProperty("id").GetString()!);

        // Pricing: a group with a price in force and a planned one (what cancel aims at); the lookups name its SKU.
        var group = await SendAsync(HttpMethod.Post, $"{Api}/pricing-groups", new { name = $"Bad Input {unique}", currency = "EUR", includesVat = true });
        var groupUrl = $"{Api}/pricing-groups/{group.GetProperty("id").GetString()}";
        await SendAsync(HttpMethod.Post, $"{groupUrl}/prices", new { sku = "BAD-MUG", amount = 995 }, await ETag(groupUrl));
        var planned = await SendAsync(HttpMethod.Post, $"{groupUrl}/prices", new { sku = "BAD-MUG", amount = 1095, activeAt = "2099-01-01T00:00:00Z" }, await ETag(groupUrl));
        byParameter["sku"] = "BAD-MUG";
        byParameter["priceId"] = planned.GetProperty("id").GetString()!;
        // Billing: an add-on, a plan offering it, a card, and a subscription with its first invoice.
        await SendAsync(HttpMethod.Post, $"{Api}/plans", new { code = $"support-{unique}", name = "Support", kind = "add_on", interval = "month", priceMinor = 500, currency = "GBP" });
        var plan = await SendAsync(HttpMethod.Post, $"{Api}/plans", new { code = $"plan-{unique}", name = "Plan", interval = "month", priceMinor = 1900, currency = "GBP", addOnCodes = new[] { $"support-{unique}" } });
        ids.Add(plan.GetProperty("plan").GetProperty("id").GetString()!);
        await SendAsync(HttpMethod.Post, $"{org}/payment-methods", new { brand = "Visa", last4 = "4242", expMonth = 12, expYear = 2030, holderName = "Olive Owner" }, "\"0\"");
        var subscription = await SendAsync(HttpMethod.Post, $"{org}/subscriptions", new { planCode = $"plan-{unique}", quantity = 2 });
        ids.Add(subscription.GetProperty("subscription").GetProperty("id").GetString()!);
        // Business connections: a unit with a linked certificate, and a connection to the organisation with Bea as contact.
        var orgId = created.GetProperty("organisation").GetProperty("id").GetString()!;
        var unit = await SendAsync(HttpMethod.Post, $"{Api}/business-units", new
        {
            organisationId = orgId, type = "Farm", name = $"Farm {unique}", line1 = "Pitlands Lane", city = "Chichester", postcode = "PO18 9JP", countryCode = "GB",
        });
        var certificate = await SendAsync(HttpMethod.Post, $"{Api}/certificates", new
        {
            identifier = $"RT{unique}", expiresAt = "2027-06-30T00:00:00Z", enterprises = new[] { "Combinable Crops" },
            sites = new[] { new { identifier = "11/111/1111", postcode = "PO18 9JP", countryCode = "GB" } },
        });
        var unitUrl = $"{Api}/business-units/{unit.GetProperty("id").GetString()}";
        await SendAsync(HttpMethod.Post, $"{unitUrl}/certificates", new { certificateId = certificate.GetProperty("id").GetString() }, await ETag(unitUrl));
        var partner = await SendAsync(HttpMethod.Post, $"{Api}/organisations", new { name = $"Partner {unique}", billingEmail = $"accounts@partner-{unique}.example", countryCode = "GB" });
        var connection = await SendAsync(HttpMethod.Post, $"{Api}/business-connections", new
        {
            fromOrganisationId = partner.GetProperty("organisation").GetProperty("id").GetString(), toOrganisationId = orgId,
            relationships = new[] { "Trading", "Storage" }, contactMemberIds = new[] { bea.GetProperty("id").GetString() },
        });
        ids.Add(connection.GetProperty("connection").GetProperty("id").GetString()!);
        byParameter["relationship"] = "Storage";
        byParameter["memberId"] = bea.GetProperty("id").GetString()!;
        byParameter["organisationId"] = orgId;
        return (ids, byParameter);
    }

    /// <summary>An agency with a connection that has a message and a credential; answers the agency's secret.</summary>
    private static async Task<string> ArrangeAgencyAsync(HttpClient admin, HashSet<string> ids)
    {
        async Task<JsonElement> PostAsync(string url, object body)
        {
            using var response = await admin.PostAsJsonAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"arranging POST {url}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        var org = (await (await admin.GetAsync($"{Api}/organisations?pageSize=1")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetString();
        var unique = Guid.NewGuid().ToString("N")[..12];
        var agency = await PostAsync($"{Api}/agencies", new
        {
            organisationId = org, name = $"Agency {unique}", did = $"did:web:agency{unique}.example", label = "Bad input agency", serviceEndpoint = "https://agent.badinput.example/didcomm",
        });
        var agencyId = agency.GetProperty("agency").GetProperty("agency").GetProperty("id").GetString()!;
        var connection = await PostAsync($"{Api}/agent-connections", new { agencyId, method = "Did", did = $"did:peer:2Ez6LSbadinput{unique}", alias = $"default:{unique}" });
        var connectionId = connection.GetProperty("connection").GetProperty("id").GetString()!;
        var message = await PostAsync($"{Api}/agent-connections/{connectionId}/messages", new { kind = "General", title = "Hello" });
        var credential = await PostAsync($"{Api}/agent-connections/{connectionId}/credentials", new { schemaId = "https://schema.example/email/1.0", attributes = new[] { new { name = "email", value = "a@badinput.example" } } });
        ids.UnionWith([agencyId, connectionId, message.GetProperty("id").GetString()!, credential.GetProperty("id").GetString()!]);
        return agency.GetProperty("secret").GetString()!;
    }

    /// <summary>
    /// A real value for each path parameter, found by reading the collection above it (the list at the path before the
    /// parameter) and preferring a row this test arranged; null when some collection has no rows.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, string>?> RealIdsAsync(HttpClient admin, Operation op, HashSet<string> arranged,
        IReadOnlyDictionary<string, string> arrangedByParameter)
    {
        var ids = new Dictionary<string, string>();
        foreach (var parameter in op.PathParameters)
        {
            if (arrangedByParameter.TryGetValue(parameter.Name, out var named)) { ids[parameter.Name] = named; continue; }
            var placeholder = $"{{{parameter.Name}}}";
            var collection = Fill(op.Path[..op.Path.IndexOf(placeholder, StringComparison.Ordinal)].TrimEnd('/'), ids);
            var response = await admin.GetAsync(collection);
            if (!response.IsSuccessStatusCode) return null;
            var found = IdsIn(await response.JsonAsync()).ToList();
            var id = found.FirstOrDefault(arranged.Contains) ?? found.FirstOrDefault();
            if (id is null) return null;
            ids[parameter.Name] = id;
        }
        return ids;
    }

    /// <summary>The <c>id</c> of every object in the arrays of a list answer (<c>items</c>, <c>members</c>, <c>modules</c>, …).</summary>
    private static IEnumerable<string> IdsIn(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Array => json.EnumerateArray().SelectMany(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String ? [id.GetString()!] : IdsIn(e)),
        JsonValueKind.Object => json.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).SelectMany(p => IdsIn(p.Value)),
        _ => [],
    };

    /// <summary>The ETag that guards a change at <paramref name="url"/>: of the nearest readable path at or above it.</summary>
    private static async Task<string?> ETagAsync(HttpClient admin, string url)
    {
        for (var path = url; path.Length > Api.Length; path = path[..path.LastIndexOf('/')])
        {
            using var response = await admin.GetAsync(path);
            if (response.IsSuccessStatusCode && response.ETag() is { } etag) return etag;
        }
        return null;
    }

    private static string Fill(string path, IReadOnlyDictionary<string, string>? ids, (string Name, string Value)? replace = null)
    {
        foreach (var (name, value) in ids ?? new Dictionary<string, string>())
            if (name != replace?.Name) path = path.Replace($"{{{name}}}", Uri.EscapeDataString(value));
        if (replace is { } r) path = path.Replace($"{{{r.Name}}}", Uri.EscapeDataString(r.Value));
        // A parameter with no real row (only when a bad id is being sent for another) gets an unknown one.
        return System.Text.RegularExpressions.Regex.Replace(path, @"\{\w+\}", Guid.CreateVersion7().ToString());
    }

    // ---- the store before and after each operation's batch ----

    /// <summary>Per table of the model: its row count and a hash of every row (so a changed Version or value shows).</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new Dictionary<string, string>();
        // The rate limiter counts refused requests too (a flood of bad verifications must still be limited): bookkeeping, not data.
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Where(t => t != "RateLimitCounters"))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            var rows = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) rows.Add(RowText(reader));
            rows.Sort(StringComparer.Ordinal);
            tables[table] = $"{rows.Count} rows, {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))))[..16]}";
        }
        return tables;
    }

    private static string RowText(DbDataReader reader) =>
        string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : reader.GetValue(i) switch
        {
            byte[] bytes => Convert.ToBase64String(bytes),
            var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        }));

    private static List<string> Differences(Dictionary<string, string> before, Dictionary<string, string> after) =>
        [.. after.Where(t => before.GetValueOrDefault(t.Key) != t.Value).Select(t => $"{t.Key}: {before.GetValueOrDefault(t.Key)} → {t.Value}")];

    // ---- judging the answers ----

    private sealed class Tally
    {
        private readonly HashSet<string> _operations = [];
        public int Requests { get; private set; }
        public int ServerErrors { get; private set; }
        public int NotProblems { get; private set; }
        public int Accepted { get; private set; }
        public int RefusedByAuthorisation { get; private set; }
        public int Searches { get; private set; }
        public int ChangedData { get; private set; }
        public int Operations => _operations.Count;
        public List<string> Findings { get; } = [];

        public string Summary =>
            $"bad input: {Requests} requests tried, {ServerErrors} 5xx, {NotProblems} non-ProblemDetails, {ChangedData} changed data " +
            $"({Operations} operations; {Accepted} accepted, {RefusedByAuthorisation} refused by authorisation, {Searches} searches that found nothing)";

        public async Task JudgeAsync(Operation op, BadRequest bad, HttpResponseMessage response)
        {
            _operations.Add(op.ToString());
            Requests++;
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var where = $"{op} [{bad.What}{(bad.Url.Contains('?') ? " " + Abbreviate(bad.Url[bad.Url.IndexOf('?')..]) : "")}]";
            if (status >= 500) { ServerErrors++; Findings.Add($"{where}: {status} {Abbreviate(text)}"); return; }
            if (status < 400 && bad.IsSearch) { Searches++; return; }
            if (status < 400) { Accepted++; Findings.Add($"{where}: accepted with {status} {Abbreviate(text)}"); return; }
            if (status is 401 or 403) { RefusedByAuthorisation++; Findings.Add($"{where}: {status}, so the input was never tried"); return; }
            if (ProblemFault(response, text, status, bad.NamesAField) is { } fault) { NotProblems++; Findings.Add($"{where}: {status} {fault}"); }
        }

        /// <summary>The server failed after it had started answering (a streamed export): a 5xx the status line could not say.</summary>
        public void BrokenOff(Operation op, BadRequest bad, HttpRequestException broken)
        {
            _operations.Add(op.ToString());
            Requests++;
            ServerErrors++;
            var cause = broken.GetBaseException();
            Findings.Add($"{op} [{bad.What}]: the answer broke off: {cause.GetType().Name}: {Abbreviate(cause.Message)}");
        }

        public void Changed(Operation op, IReadOnlyList<string> tables)
        {
            ChangedData++;
            Findings.Add($"{op}: a refused request changed data: {string.Join("; ", tables)}");
        }

        /// <summary>Why the answer is not a ProblemDetails of its status (null when it is one).</summary>
        private static string? ProblemFault(HttpResponseMessage response, string text, int status, bool namesAField)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType != "application/problem+json") return $"answered {mediaType ?? "no content type"}: {Abbreviate(text)}";
            try
            {
                var problem = JsonDocument.Parse(text).RootElement;
                if (!problem.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status) return $"problem without its status: {Abbreviate(text)}";
                if (!problem.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString())) return $"problem without a title: {Abbreviate(text)}";
                if (namesAField && status == 400 && !(problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object && errors.EnumerateObject().Any()))
                    return $"a bad field without errors by field: {Abbreviate(text)}";
                return null;
            }
            catch (JsonException) { return $"body is not JSON: {Abbreviate(text)}"; }
        }
    }

    private static string Abbreviate(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
