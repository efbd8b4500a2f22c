using System.Security.Claims;
using Portal.Auth;
using Portal.Domain.Common;

namespace Portal.Tests.Api.Auth;

/// <summary>Entra app roles map onto Portal's four roles; anything else grants nothing.</summary>
public sealed class EntraRoleClaimsTransformationTests
{
    [Theory]
    [InlineData("Admin", Roles.Admin)]
    [InlineData("Portal.Admin", Roles.Admin)]
    [InlineData("portal.admin", Roles.Admin)]
    [InlineData("PORTAL.VIEWER", Roles.Viewer)]
    [InlineData("warehouse", Roles.Warehouse)]
    [InlineData("Portal.Staff", Roles.Staff)]
    public void MapRoles_AcceptsTheRoleWithOrWithoutPrefix_InAnyCase(string appRole, string expected) =>
        Assert.Equal([expected], EntraRoleClaimsTransformation.MapRoles([appRole]));

    [Theory]
    [InlineData("Superuser")]
    [InlineData("Portal.")]
    [InlineData("Portal.Superuser")]
    [InlineData("Other.Admin")]
    [InlineData("AdminX")]
    [InlineData("Portal.Portal.Admin")]
    [InlineData("")]
    public void MapRoles_IgnoresUnknownRoles(string appRole) =>
        Assert.Empty(EntraRoleClaimsTransformation.MapRoles([appRole]));

    [Fact]
    public void MapRoles_KeepsKnownRoles_DropsUnknown_AndDeduplicates() =>
        Assert.Equal([Roles.Admin, Roles.Viewer],
            EntraRoleClaimsTransformation.MapRoles(["Portal.Admin", "Nonsense", "admin", "Viewer", "Portal.Viewer"]));

    [Fact]
    public async Task Transform_AddsPortalRoles_FromTheRolesClaim()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", "Portal.Warehouse"), new Claim("roles", "Unknown")], "Bearer"));

        var transformed = await new EntraRoleClaimsTransformation().TransformAsync(principal);

        Assert.True(transformed.IsInRole(Roles.Warehouse));
        Assert.False(transformed.IsInRole(Roles.Admin));
        Assert.False(transformed.IsInRole("Unknown"));
    }

    [Fact]
    public async Task Transform_IsIdempotent()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", "Admin")], "Bearer"));
        var transformation = new EntraRoleClaimsTransformation();

        await transformation.TransformAsync(principal);
        var twice = await transformation.TransformAsync(principal);

        Assert.Single(twice.FindAll(ClaimTypes.Role), c => c.Value == Roles.Admin);
    }

    [Fact]
    public async Task Transform_LeavesAnAnonymousPrincipalAlone()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", "Admin")]));

        var transformed = await new EntraRoleClaimsTransformation().TransformAsync(anonymous);

        Assert.False(transformed.IsInRole(Roles.Admin));
    }
}
