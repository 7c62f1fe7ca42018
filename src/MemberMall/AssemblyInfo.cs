[assembly: System.Resources.NeutralResourcesLanguage("zh-CN")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("MemberMall.Tests")]
