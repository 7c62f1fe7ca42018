using MudBlazor;

namespace MemberMall.Components.Layout;

/// <summary>One theme for both sites: system CJK fonts before Roboto, so Chinese text is not drawn in a fallback face.</summary>
public static class MallTheme
{
    private static readonly string[] Fonts = ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Roboto", "Helvetica", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = Create();

    private static MudTheme Create()
    {
        var theme = new MudTheme
        {
            PaletteLight = new PaletteLight { Primary = "#c2185b", AppbarBackground = "#c2185b", Secondary = "#5e35b1" },
        };
        var t = theme.Typography;
        foreach (var typo in new BaseTypography[] { t.Default, t.H1, t.H2, t.H3, t.H4, t.H5, t.H6, t.Subtitle1, t.Subtitle2, t.Body1, t.Body2, t.Button, t.Caption, t.Overline })
            typo.FontFamily = Fonts;
        t.Button.TextTransform = "none";
        return theme;
    }
}
