using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Auth;

/// <summary>
/// The app in Entra ID mode (Microsoft.Identity.Web, AzureAd:ClientId set). The JWT bearer handler trusts a key the
/// test holds instead of Entra's published keys, so tests sign their own tokens and nothing is fetched from the network.
/// </summary>
public sealed class EntraPortalApiFactory : PortalApiFactory
{
    public const string TenantId = "7f3e1c2a-0000-4000-8000-00000000e1e1";
    public const string ClientId = "2b1d7c9e-0000-4000-8000-0000000c11e1";
    public static readonly string Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";
    public static readonly string Audience = $"api://{ClientId}";

    public SymmetricSecurityKey SigningKey { get; } = NewKey();

    public static SymmetricSecurityKey NewKey() => new(RandomNumberGenerator.GetBytes(32)) { KeyId = Guid.NewGuid().ToString("N") };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("AzureAd:Instance", "https://login.microsoftonline.com/");
        builder.UseSetting("AzureAd:TenantId", TenantId);
        builder.UseSetting("AzureAd:ClientId", ClientId);
        builder.ConfigureTestServices(services =>
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
                configuration.SigningKeys.Add(SigningKey);
                options.Configuration = configuration;
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
                var tvp = options.TokenValidationParameters;
                tvp.IssuerSigningKey = SigningKey;
                tvp.IssuerSigningKeys = [SigningKey];
                tvp.ValidIssuer = Issuer;
                tvp.ValidIssuers = [Issuer];
                tvp.ValidAudience = Audience;
                tvp.ValidAudiences = [Audience, ClientId];
                tvp.IssuerValidator = null; // Identity.Web's AAD issuer validator would look up Entra's metadata
                tvp.ClockSkew = TimeSpan.FromSeconds(30);
            }));
    }

    /// <summary>An access token as Entra would issue it for this API, with the given app roles.</summary>
    public string Token(string[] roles, SecurityKey? signWith = null, DateTime? expires = null, string? audience = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(30);
        var claims = new List<Claim>
        {
            new("oid", Guid.NewGuid().ToString()), new("sub", Guid.NewGuid().ToString()), new("tid", TenantId),
            new("name", "Token User"), new("preferred_username", "token.user@contoso.example"), new("azp", Guid.NewGuid().ToString()),
        };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience ?? Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = expiry.AddHours(-1),
            NotBefore = expiry.AddHours(-1),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(signWith ?? SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>Entra mode: the API accepts Entra access tokens and maps their app roles onto Portal's roles.</summary>
public sealed class EntraBearerTests(EntraPortalApiFactory factory) : IClassFixture<EntraPortalApiFactory>
{
    private const string StaffUsers = "/api/v1/staff-users";

    [Theory]
    [InlineData("Portal.Admin")]
    [InlineData("Admin")]
    [InlineData("portal.admin")]
    public async Task TokenWithAdminAppRole_CanListStaffUsers(string appRole)
    {
        using var client = factory.ClientWithToken(factory.Token([appRole]));

        var response = await client.GetAsync(StaffUsers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TokenWithAdminRole_CanCreateAStaffUser_AndTheAuditNamesTheTokenUser()
    {
        using var client = factory.ClientWithToken(factory.Token(["Portal.Admin"]));

        var response = await client.PostAsJsonAsync(StaffUsers, ApiTestExtensions.NewStaffUser());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<StaffUserRow>();
        var audit = await (await client.GetAsync($"/api/v1/audit?entityType=StaffUser&entityId={created.Id}&action=Created"))
            .ReadAsync<PagedResult<AuditRow>>();
        Assert.Contains(Assert.Single(audit.Items).Actor, new[] { "Token User", "token.user@contoso.example" });
    }

    [Theory]
    [InlineData("Viewer")]
    [InlineData("Portal.Staff")]
    public async Task TokenWithoutAdminRole_Is403(string appRole)
    {
        using var client = factory.ClientWithToken(factory.Token([appRole]));

        var response = await client.GetAsync(StaffUsers);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TokenWithOnlyUnknownRoles_Is403()
    {
        using var client = factory.ClientWithToken(factory.Token(["Portal.Superuser", "Global Administrator"]));

        var response = await client.GetAsync(StaffUsers);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_Is401()
    {
        using var client = factory.ClientWithToken(factory.Token(["Portal.Admin"], signWith: EntraPortalApiFactory.NewKey()));

        var response = await client.GetAsync(StaffUsers);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ExpiredToken_Is401()
    {
        using var client = factory.ClientWithToken(factory.Token(["Portal.Admin"], expires: DateTime.UtcNow.AddHours(-1)));

        var response = await client.GetAsync(StaffUsers);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenForAnotherAudience_Is401()
    {
        using var client = factory.ClientWithToken(factory.Token(["Portal.Admin"], audience: "api://someone-else"));

        var response = await client.GetAsync(StaffUsers);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NoCredentials_Is401Problem_NotARedirectToEntra()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(StaffUsers);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task ApiKeys_StillWorkInEntraMode()
    {
        using var client = await factory.ClientWithRoleAsync(Roles.Admin);

        var response = await client.GetAsync(StaffUsers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
