namespace MemberMall;

/// <summary>Marker for the shared UI texts in Resources/SharedResource(.en).resx; zh-CN is the neutral language.</summary>
public sealed class SharedResource;
