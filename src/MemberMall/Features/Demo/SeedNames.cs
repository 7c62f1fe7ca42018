namespace MemberMall.Features.Demo;

/// <summary>Chinese names for seeded members: surnames by how common they are, given names by gender.</summary>
internal static class SeedNames
{
    /// <summary>Surname, its pinyin (for e-mail addresses) and a weight close to its share of the population.</summary>
    public static readonly (string Surname, string Pinyin, double Weight)[] Surnames =
    [
        ("王", "wang", 7.1), ("李", "li", 7.0), ("张", "zhang", 6.8), ("刘", "liu", 5.4), ("陈", "chen", 4.5), ("杨", "yang", 3.2),
        ("黄", "huang", 2.2), ("赵", "zhao", 2.2), ("吴", "wu", 2.0), ("周", "zhou", 1.9), ("徐", "xu", 1.3), ("孙", "sun", 1.3),
        ("马", "ma", 1.1), ("朱", "zhu", 1.1), ("胡", "hu", 1.0), ("郭", "guo", 1.0), ("何", "he", 0.9), ("林", "lin", 0.9),
        ("高", "gao", 0.9), ("罗", "luo", 0.8), ("郑", "zheng", 0.8), ("梁", "liang", 0.7), ("谢", "xie", 0.6), ("宋", "song", 0.55),
        ("唐", "tang", 0.5), ("许", "xu", 0.5), ("韩", "han", 0.45), ("冯", "feng", 0.45), ("邓", "deng", 0.43), ("曹", "cao", 0.42),
        ("彭", "peng", 0.4), ("曾", "zeng", 0.4), ("肖", "xiao", 0.4), ("田", "tian", 0.35), ("董", "dong", 0.35), ("袁", "yuan", 0.34),
        ("潘", "pan", 0.33), ("于", "yu", 0.33), ("蒋", "jiang", 0.32), ("蔡", "cai", 0.31), ("余", "yu", 0.3), ("杜", "du", 0.3),
        ("叶", "ye", 0.3), ("程", "cheng", 0.3), ("苏", "su", 0.29), ("魏", "wei", 0.28), ("吕", "lv", 0.27), ("丁", "ding", 0.26),
        ("任", "ren", 0.26), ("沈", "shen", 0.25), ("欧阳", "ouyang", 0.05), ("上官", "shangguan", 0.01),
    ];

    public static readonly double[] SurnameWeights = Surnames.Select(s => s.Weight).ToArray();
    public static readonly double SurnameTotal = SurnameWeights.Sum();

    public static readonly string[] Male =
    [
        "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "华", "平", "刚", "辉", "鹏", "浩", "宇", "轩", "博", "文",
        "斌", "峰", "俊", "建", "国", "志", "晨", "阳", "凯", "鑫", "睿", "泽", "子", "天", "嘉", "诚", "航", "铭",
    ];

    public static readonly string[] Female =
    [
        "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "英", "慧", "婷", "雪", "琳", "欣", "怡", "萱", "晶", "颖", "倩",
        "玲", "佳", "梦", "诗", "雨", "涵", "悦", "可", "月", "璐", "瑶", "婉", "琪", "馨", "淑", "兰", "子", "嘉",
    ];
}
