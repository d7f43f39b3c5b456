namespace Gc3.Persistence.Generators.Model;

/// <summary>
/// The declaration details a generated partial property implementation must repeat: its accessibility
/// (a keyword such as <c>public</c>), whether it is required and virtual or an override, and the
/// accessibility of an accessor that differs from the property's (<see langword="null"/> when the same).
/// </summary>
internal sealed record PartialPropertySpec(
    string Accessibility,
    bool IsRequired,
    PropertyInheritance Inheritance,
    string? SetterAccessibility,
    bool SetterIsInit,
    string? GetterAccessibility);
