using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Auth;

/// <summary>The role sets are written once (Access) and every page, endpoint and policy takes them from there.</summary>
public sealed class AccessTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    [Fact]
    public void TheSets_AreTheRoleTableOfTheDesign()
    {
        Assert.Equal([Roles.Admin, Roles.Staff, Roles.Viewer], Access.Read);
        Assert.Equal([Roles.Admin, Roles.Staff], Access.Write);
        Assert.Equal([Roles.Admin], Access.Admin);
        Assert.Equal(Roles.All, Access.Any);
        Assert.Equal(Access.ReadRoles, string.Join(",", Access.Read));
        Assert.Equal(Access.WriteRoles, string.Join(",", Access.Write));
    }

    [Fact]
    public async Task EachPolicy_RequiresTheRolesOfItsSet()
    {
        var policies = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        foreach (var (name, roles) in Access.Policies.All)
        {
            var policy = await policies.GetPolicyAsync(name);
            Assert.NotNull(policy);
            Assert.Equal(roles, Assert.Single(policy.Requirements.OfType<RolesAuthorizationRequirement>()).AllowedRoles);
        }
    }

    [Fact]
    public void EveryPageWithRoles_NamesAnAccessSet()
    {
        string[] sets = [Access.ReadRoles, Access.WriteRoles, Access.AdminRoles, Access.AnyRoles, Access.LogisticsReadRoles, Access.LogisticsPlanRoles, Access.LogisticsHandleRoles];
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes<RouteAttribute>().Any())
            .SelectMany(t => t.GetCustomAttributes<AuthorizeAttribute>().Select(a => (Page: t.Name, a.Roles)))
            .Where(p => p.Roles is not null).ToList();

        Assert.Contains(pages, p => p.Page == "Organisations" && p.Roles == Access.ReadRoles);
        Assert.Contains(pages, p => p.Page == "StaffUsers" && p.Roles == Access.AdminRoles);
        Assert.All(pages, p => Assert.Contains(p.Roles, sets));
    }

    [Fact]
    public void EveryApiRoute_IsGuardedByAnAccessPolicy_OrIsOpenOnPurpose()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) continue; // the invitee's verification, sign-in
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            // The agency-scoped routes have their own policy: the `hash` scheme and the agency role, not a staff role set.
            Assert.True(policies.Count > 0 && policies.All(p => p is not null && (Access.Policies.All.ContainsKey(p) || p == Portal.Auth.AgencyHashAuthenticationHandler.Policy)),
                $"{endpoint.RoutePattern.RawText} is authorized by [{string.Join(", ", policies)}], not an Access policy");
        }
    }
}
