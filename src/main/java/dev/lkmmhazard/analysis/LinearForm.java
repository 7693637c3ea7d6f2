package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.Value;
import java.util.Arrays;

/**
 * An integer (or address) value as {@code c0 + c1*a1 + ... + cn*an} over atoms, the values that are not broken down
 * further; arithmetic is modulo 2^64 like the machine's. Each atom carries whether it derives from the marked load
 * in question, so that {@code (q + 1) - q} is the constant 1 and {@code (q*2 - 1) & 63} is one atom that still
 * derives from q. Immutable.
 */
public final class LinearForm {
    public static final LinearForm ZERO = new LinearForm(0, new Value[0], new long[0], new boolean[0]);

    public final long constant;
    private final Value[] atoms;
    private final long[] coefficients;
    private final boolean[] fromRoot;

    private LinearForm(long constant, Value[] atoms, long[] coefficients, boolean[] fromRoot) {
        this.constant = constant;
        this.atoms = atoms;
        this.coefficients = coefficients;
        this.fromRoot = fromRoot;
    }

    public static LinearForm constant(long c) { return c == 0 ? ZERO : new LinearForm(c, new Value[0], new long[0], new boolean[0]); }

    public static LinearForm atom(Value v, boolean fromRoot) {
        return new LinearForm(0, new Value[] {v}, new long[] {1}, new boolean[] {fromRoot});
    }

    public boolean isConstant() { return atoms.length == 0; }
    public int atomCount() { return atoms.length; }
    public Value atom(int k) { return atoms[k]; }
    public long coefficient(int k) { return coefficients[k]; }

    /** Whether some atom left with a non-zero coefficient derives from the root. */
    public boolean dependsOnRoot() {
        for (boolean b : fromRoot) if (b) return true;
        return false;
    }

    public LinearForm plus(LinearForm o) { return combine(o, 1); }
    public LinearForm minus(LinearForm o) { return combine(o, -1); }

    public LinearForm times(long k) {
        if (k == 0) return ZERO;
        long[] c = new long[coefficients.length];
        for (int i = 0; i < c.length; i++) c[i] = coefficients[i] * k;
        return normalized(constant * k, atoms.clone(), c, fromRoot.clone());
    }

    /** This form with the constant's and coefficients' bits above {@code bits} dropped (trunc), sign-extended. */
    public LinearForm truncated(int bits) {
        if (bits <= 0 || bits >= 64) return this;
        long[] c = new long[coefficients.length];
        for (int i = 0; i < c.length; i++) c[i] = signExtend(coefficients[i], bits);
        return normalized(signExtend(constant, bits), atoms.clone(), c, fromRoot.clone());
    }

    public static long signExtend(long v, int bits) {
        if (bits <= 0 || bits >= 64) return v;
        int s = 64 - bits;
        return (v << s) >> s;
    }

    private LinearForm combine(LinearForm o, long sign) {
        Value[] a = Arrays.copyOf(atoms, atoms.length + o.atoms.length);
        long[] c = Arrays.copyOf(coefficients, a.length);
        boolean[] r = Arrays.copyOf(fromRoot, a.length);
        int n = atoms.length;
        for (int j = 0; j < o.atoms.length; j++) {
            int at = -1;
            for (int i = 0; i < n; i++) if (a[i] == o.atoms[j]) { at = i; break; }
            if (at >= 0) {
                c[at] += sign * o.coefficients[j];
                r[at] |= o.fromRoot[j];
            } else {
                a[n] = o.atoms[j];
                c[n] = sign * o.coefficients[j];
                r[n] = o.fromRoot[j];
                n++;
            }
        }
        return normalized(constant + sign * o.constant, Arrays.copyOf(a, n), Arrays.copyOf(c, n), Arrays.copyOf(r, n));
    }

    /** Drops atoms whose coefficient cancelled to zero. */
    private static LinearForm normalized(long constant, Value[] a, long[] c, boolean[] r) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (c[i] == 0) continue;
            a[n] = a[i]; c[n] = c[i]; r[n] = r[i];
            n++;
        }
        if (n == 0 && constant == 0) return ZERO;
        return new LinearForm(constant, Arrays.copyOf(a, n), Arrays.copyOf(c, n), Arrays.copyOf(r, n));
    }

    /** Same constant and the same atoms with the same coefficients. */
    public boolean sameAs(LinearForm o) {
        if (constant != o.constant || atoms.length != o.atoms.length) return false;
        outer:
        for (int i = 0; i < atoms.length; i++) {
            for (int j = 0; j < o.atoms.length; j++) if (atoms[i] == o.atoms[j]) {
                if (coefficients[i] != o.coefficients[j]) return false;
                continue outer;
            }
            return false;
        }
        return true;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder().append(constant);
        for (int i = 0; i < atoms.length; i++) {
            sb.append(coefficients[i] < 0 ? " - " : " + ").append(Math.abs(coefficients[i])).append('*')
                    .append(atoms[i].reference());
            if (fromRoot[i]) sb.append('^');
        }
        return sb.toString();
    }
}
