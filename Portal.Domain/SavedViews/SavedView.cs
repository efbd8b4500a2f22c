using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.SavedViews;

/// <summary>A list's filters and sort, saved under a name by one person for themselves (e.g. "My pending in NL").</summary>
[NotAudited] // a personal shortcut, not business data
public sealed class SavedView
{
    public const int NameMaxLength = 60;
    public const int QueryMaxLength = 2000;
    public const int MaxPerList = 30;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>Whose view it is: the signed-in user's id (a staff user id, or the Entra subject).</summary>
    public required string OwnerId { get; init; }
    /// <summary>Which list, e.g. "organisations".</summary>
    public required string List { get; init; }
    public required string Name { get; init; }
    /// <summary>The list's URL query (without the page), e.g. <c>status=Pending&amp;country=NL&amp;sort=-createdAt</c>.</summary>
    public required string Query { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record SavedViewRow(Guid Id, string Name, string Query);

public sealed class SaveView
{
    public string List { get; set; } = "";
    public string Name { get; set; } = "";
    public string Query { get; set; } = "";
}

public sealed class SaveViewValidator : AbstractValidator<SaveView>
{
    public SaveViewValidator()
    {
        RuleFor(v => v.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the view, e.g. \"My pending in NL\".")
            .MaximumLength(SavedView.NameMaxLength).WithMessage($"A view's name must be {SavedView.NameMaxLength} characters or fewer.");
        RuleFor(v => v.List).Must(SavedViewService.Lists.Contains).WithMessage($"List must be one of: {string.Join(", ", SavedViewService.Lists)}.");
        RuleFor(v => v.Query).MaximumLength(SavedView.QueryMaxLength)
            .WithMessage($"These filters are too long to save (over {SavedView.QueryMaxLength} characters).");
    }
}

/// <summary>Each person's saved views of the lists they can read. Nobody sees or deletes another person's views.</summary>
public sealed class SavedViewService(IDbContextFactory<Store.PortalDbContext> dbs, ICurrentUser user, TimeProvider clock, IValidator<SaveView> validator)
{
    /// <summary>The lists that offer saved views.</summary>
    public static readonly IReadOnlyList<string> Lists = ["organisations", "staff-users", "shipments"];

    public async Task<IReadOnlyList<SavedViewRow>> ListAsync(string list, CancellationToken ct = default)
    {
        var owner = Owner();
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.SavedViews.AsNoTracking().Where(v => v.OwnerId == owner && v.List == list)
            .OrderBy(v => v.Name).Select(v => new SavedViewRow(v.Id, v.Name, v.Query)).ToListAsync(ct);
    }

    /// <summary>Saves the view; a view of the same name on the same list is replaced (saving again updates it).</summary>
    public async Task<SavedViewRow> SaveAsync(SaveView command, CancellationToken ct = default)
    {
        var owner = Owner();
        await validator.ValidateOrThrowAsync(command, ct);
        var name = command.Name.Trim();
        var query = command.Query.TrimStart('?');
        await using var db = await dbs.CreateDbContextAsync(ct);
        var views = await db.SavedViews.Where(v => v.OwnerId == owner && v.List == command.List).ToListAsync(ct);
        var same = views.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
        if (same is not null) db.SavedViews.Remove(same);
        else if (views.Count >= SavedView.MaxPerList)
            throw DomainValidationException.For("name", $"You have {SavedView.MaxPerList} saved views of this list; delete one first.");
        var view = new SavedView { OwnerId = owner, List = command.List, Name = name, Query = query, CreatedAt = clock.GetUtcNow() };
        db.SavedViews.Add(view);
        await db.SaveChangesAsync(ct);
        return new SavedViewRow(view.Id, view.Name, view.Query);
    }

    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var owner = Owner();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var deleted = await db.SavedViews.Where(v => v.Id == id && v.OwnerId == owner).ExecuteDeleteAsync(ct);
        if (deleted == 0) throw new NotFoundException("Saved view", id);
    }

    private string Owner() => user.IsAuthenticated && user.Id is { } id ? id : throw new ForbiddenException("Sign in to keep saved views.");
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> b)
    {
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.OwnerId).HasMaxLength(200);
        b.Property(v => v.List).HasMaxLength(40);
        b.Property(v => v.Name).HasMaxLength(SavedView.NameMaxLength).IgnoringCase();
        b.Property(v => v.Query).HasMaxLength(SavedView.QueryMaxLength);
        b.HasIndex(v => new { v.OwnerId, v.List, v.Name }).IsUnique();
    }
}
