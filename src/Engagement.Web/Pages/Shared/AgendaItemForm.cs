using Engagement.Domain.Forums;
using Engagement.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Engagement.Web.Pages.Shared;

/// <summary>The agenda item form's fields (topic, why it matters, priorities), shared by the provider's and the commissioner's forms.</summary>
public sealed class AgendaItemInput
{
    public string? Topic { get; set; }
    public string? WhyItMatters { get; set; }
    public List<int> Priorities { get; set; } = [];

    public AgendaItemDetails ToDetails() => new(Topic, WhyItMatters, Priorities);
}

/// <summary>A page with the agenda item form (<c>_AgendaItemFields</c>).</summary>
public interface IAgendaItemForm
{
    AgendaItemInput Input { get; }

    List<PriorityChoice> PriorityChoices { get; }
}

public static class AgendaItemForm
{
    /// <summary>Checks the form as the domain will, so every problem shows at once beside its field; returns the details when valid.</summary>
    public static AgendaItemDetails? Read(ModelStateDictionary modelState, AgendaItemInput input, IReadOnlyList<PriorityChoice> choices, string prefix)
    {
        var details = input.ToDetails();
        foreach (var error in AgendaItem.Check(details).Errors)
        {
            modelState.AddModelError($"{prefix}.{error.Property}", error.Message);
        }

        if (!FeedbackChoices.AreLive(input.Priorities, choices))
        {
            modelState.AddModelError($"{prefix}.{nameof(AgendaItemInput.Priorities)}", "Select priorities from the list");
        }

        return modelState.IsValid ? details : null;
    }
}
