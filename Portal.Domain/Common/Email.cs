using System.Globalization;

namespace Portal.Domain.Common;

/// <summary>
/// One way to write an email: a small record per email, in the folder of the area that sends it
/// (<c>Organisations/Invitations/InvitationEmail.cs</c>), holding what the email says and rendering its subject and
/// plain-text body. A service builds one and hands it to <c>OutboxEmail.Create</c>; no service concatenates email text.
/// Bodies are plain text (the outbox stores and sends text only), so nothing needs encoding; an HTML part would be a
/// <c>Html</c> member here, its values encoded with <c>System.Net.WebUtility.HtmlEncode</c>, and a column in the outbox.
/// </summary>
public abstract record Email
{
    /// <summary>Dates in emails read the British way: "30 November 2026 at 09:00 UTC".</summary>
    protected static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>One line: line breaks in a value (a name) are turned into spaces so they cannot start a new header.</summary>
    public string Subject => OneLine(RenderSubject());
    public string Text => RenderText();

    /// <summary>
    /// A secret the body carries (an invitation's one-time link), or null. Admin → Outbox shows the body with it hidden;
    /// showing it is a <c>SecretRevealed</c> security event.
    /// </summary>
    public virtual string? Secret => null;

    protected abstract string RenderSubject();
    protected abstract string RenderText();

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
