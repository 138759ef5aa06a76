namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>
/// The inverse error function as XLA evaluates it in float32 (Giles 2010, single-precision
/// polynomials), so Gaussian draws rebuilt from JAX's bits match its own to the last bits.
/// </summary>
public static class XlaErfInv
{
    static readonly float[] Central =
        [2.81022636e-08f, 3.43273939e-07f, -3.5233877e-06f, -4.39150654e-06f, 0.00021858087f,
         -0.00125372503f, -0.00417768164f, 0.246640727f, 1.50140941f];
    static readonly float[] Tail =
        [-0.000200214257f, 0.000100950558f, 0.00134934322f, -0.00367342844f, 0.00573950773f,
         -0.0076224613f, 0.00943887047f, 1.00167406f, 2.83297682f];

    public static float Single(float x)
    {
        if (MathF.Abs(x) == 1f) return x * float.PositiveInfinity;
        float w = -LogOnePlus(-x * x);
        bool central = w < 5f;
        var coefficients = central ? Central : Tail;
        w = central ? w - 2.5f : MathF.Sqrt(w) - 3f;
        float p = coefficients[0];
        for (int i = 1; i < coefficients.Length; i++) p = coefficients[i] + p * w;
        return p * x;
    }

    // log(1 + v) without losing v when it is tiny (Kahan's trick), rounded to float like XLA's log1p.
    static float LogOnePlus(float v)
    {
        double u = 1.0 + v;
        return u == 1.0 ? v : (float)(Math.Log(u) * v / (u - 1.0));
    }
}
