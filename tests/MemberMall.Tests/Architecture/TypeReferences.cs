using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MemberMall.Tests.Architecture;

/// <summary>
/// Every type a compiled type refers to, read from its IL with Mono.Cecil: signatures, attributes and method bodies
/// (reflection sees only the signatures). The type's nested types count as the type itself: the compiler puts lambdas,
/// async state machines and iterators there.
/// </summary>
public static class TypeReferences
{
    public static IEnumerable<TypeReference> Of(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        Collect(type, found);
        return found;
    }

    /// <summary>The outermost declaring type: what a reference to a nested type is really a reference to.</summary>
    public static TypeReference Outermost(TypeReference type)
    {
        while (type is TypeSpecification spec) type = spec.ElementType;
        while (type.IsNested) type = type.DeclaringType;
        return type;
    }

    private static void Collect(TypeDefinition type, List<TypeReference> found)
    {
        void Add(TypeReference? t)
        {
            if (t is null || t is GenericParameter) return;
            if (t is GenericInstanceType generic)
                foreach (var argument in generic.GenericArguments) Add(argument);
            if (t is TypeSpecification spec) { Add(spec.ElementType); return; }
            found.Add(t);
        }
        void Attributes(ICustomAttributeProvider provider)
        {
            if (!provider.HasCustomAttributes) return;
            foreach (var a in provider.CustomAttributes) Add(a.AttributeType);
        }
        void Method(MethodReference m)
        {
            Add(m.DeclaringType);
            Add(m.ReturnType);
            foreach (var p in m.Parameters) Add(p.ParameterType);
            if (m is GenericInstanceMethod g)
                foreach (var argument in g.GenericArguments) Add(argument);
        }

        Attributes(type);
        Add(type.BaseType);
        foreach (var i in type.Interfaces) Add(i.InterfaceType);
        foreach (var g in type.GenericParameters)
            foreach (var c in g.Constraints) Add(c.ConstraintType);
        foreach (var f in type.Fields)
        {
            Attributes(f);
            Add(f.FieldType);
        }
        foreach (var p in type.Properties)
        {
            Attributes(p);
            Add(p.PropertyType);
        }
        foreach (var e in type.Events) Add(e.EventType);
        foreach (var m in type.Methods)
        {
            Attributes(m);
            Add(m.ReturnType);
            foreach (var p in m.Parameters)
            {
                Attributes(p);
                Add(p.ParameterType);
            }
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) Add(v.VariableType);
            foreach (var instruction in m.Body.Instructions)
                switch (instruction.Operand)
                {
                    case TypeReference t: Add(t); break;
                    case MethodReference r: Method(r); break;
                    case FieldReference f: Add(f.DeclaringType); Add(f.FieldType); break;
                }
        }
        foreach (var nested in type.NestedTypes) Collect(nested, found);
    }
}
