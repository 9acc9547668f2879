using Engagement.Domain.Common;

namespace Engagement.Web.Pages.Shared;

/// <summary>The model of <c>_OtherProviderTypes</c>: the field's name, its legend and what is already chosen.</summary>
public sealed record OtherProviderTypesField(string Name, string Legend, string Whom, IReadOnlyCollection<ProviderType>? Selected)
{
    public string Id => Name.Replace('.', '_');
}
