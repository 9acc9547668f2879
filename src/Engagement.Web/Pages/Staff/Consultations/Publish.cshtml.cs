using System.Security.Claims;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>Confirms publishing: it then appears publicly and opens and closes by its dates.</summary>
public sealed class PublishModel(EngagementDbContext db, ManageConsultationHandler handler) : PageModel
{
    [TempData(Key = "Status")]
    public string? StatusMessage { get; set; }

    public int Id { get; private set; }

    /// <summary>The consultation's version when this page was read: publishing what someone else has since changed is refused.</summary>
    [BindProperty]
    public Guid Version { get; set; }

    public string Title { get; private set; } = "";

    public DateTime OpensAt { get; private set; }

    public DateTime ClosesAt { get; private set; }

    public int Questions { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return IsPublished ? Redirect($"/staff/consultations/{id}") : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await handler.PublishAsync(id, User.FindFirstValue(ClaimTypes.NameIdentifier)!, Version, cancellationToken);
        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Message);
            }

            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        StatusMessage = "Consultation published";
        return Redirect($"/staff/consultations/{id}");
    }

    private bool IsPublished { get; set; }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var found = await db.Consultations.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Title, c.OpensAt, c.ClosesAt, c.IsPublished, c.Version, Questions = c.Questions.Count() })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        (Id, Title, OpensAt, ClosesAt, IsPublished, Questions, Version) = (id, found.Title, found.OpensAt, found.ClosesAt, found.IsPublished, found.Questions, found.Version);
        return true;
    }
}
