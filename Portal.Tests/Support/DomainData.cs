using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;

namespace Portal.Tests.Support;

/// <summary>Builds domain data through the real services, so arranged data obeys the same rules as production data.</summary>
public static class DomainData
{
    /// <summary>Meets Portal's policy: 12+ characters, digit, lower and upper case, 5+ distinct characters.</summary>
    public const string StrongPassword = "Correct-Horse-42";

    public static CreateStaffUser NewStaffUser(string email = "grace@example.com", string name = "Grace Hopper", params string[] roles) => new()
    {
        Email = email,
        DisplayName = name,
        Roles = roles.Length == 0 ? [Roles.Staff] : [.. roles],
        Password = StrongPassword,
    };

    /// <summary>Creates a staff user as whoever is acting (an Admin unless the test says otherwise).</summary>
    public static Task<StaffUserRow> AddStaffUserAsync(this TestStore store, string email, string name, params string[] roles) =>
        store.Get<StaffUserService>().CreateAsync(NewStaffUser(email, name, roles));

    /// <summary>Creates a staff user while acting as a throwaway Admin, then puts the previous actor back.</summary>
    public static async Task<StaffUserRow> SeedStaffUserAsync(this TestStore store, string email, string name, params string[] roles)
    {
        var previous = store.User.Principal;
        store.ActAs(Roles.Admin, email: "seeder@test.example");
        try { return await store.AddStaffUserAsync(email, name, roles); }
        finally { store.User.Principal = previous; }
    }

    public static async Task<StaffUser> LoadStaffUserAsync(this TestStore store, Guid id)
    {
        await using var db = await store.DbAsync();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }
}
