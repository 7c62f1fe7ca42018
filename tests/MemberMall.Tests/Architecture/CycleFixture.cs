// A deliberate cycle between two "features", for the test that shows the cycle check fails on one.
namespace Fixture.Features.A
{
    public sealed class Alpha
    {
        public B.Beta? Partner { get; set; }
    }
}

namespace Fixture.Features.B
{
    public sealed class Beta
    {
        public static string Make() => new A.Alpha().ToString()!;
    }
}

namespace Fixture.Features.C
{
    public sealed class Gamma
    {
        public B.Beta Beta { get; } = new();
    }
}
