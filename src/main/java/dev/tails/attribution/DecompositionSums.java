package dev.tails.attribution;

import dev.tails.TailsException;

import java.io.Serial;
import java.io.Serializable;

/** Running sums of decompositions over tokens, turned into the mean decomposition; mergeable. */
final class DecompositionSums implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final double[] units;
    private double beta;
    private double residual;
    private double bias;

    DecompositionSums(int units) {
        this.units = new double[units];
    }

    /** The sums as stored in a partial file (every unit, unlike a {@link Decomposition} in JSON). */
    record Stored(double beta, double residual, double bias, double[] units) {
    }

    static DecompositionSums of(Stored stored, int units, String what) {
        if (stored == null || stored.units() == null || stored.units().length != units) {
            throw new TailsException("attribution partial: " + what + " must hold " + units + " unit sums, got "
                    + (stored == null || stored.units() == null ? "none" : stored.units().length));
        }
        DecompositionSums sums = new DecompositionSums(units);
        System.arraycopy(stored.units(), 0, sums.units, 0, units);  // copied, not added to zeros: -0.0 stays -0.0
        sums.beta = stored.beta();
        sums.residual = stored.residual();
        sums.bias = stored.bias();
        return sums;
    }

    Stored stored() {
        return new Stored(beta, residual, bias, units.clone());
    }

    void add(Decomposition parts) {
        beta += parts.beta();
        residual += parts.residual();
        bias += parts.bias();
        for (int i = 0; i < units.length; i++) {
            units[i] += parts.units()[i];
        }
    }

    void add(DecompositionSums other) {
        add(new Decomposition(other.beta, other.residual, other.bias, other.units));
    }

    Decomposition mean(long count) {
        double[] means = new double[units.length];
        for (int i = 0; i < units.length; i++) {
            means[i] = units[i] / count;
        }
        return new Decomposition(beta / count, residual / count, bias / count, means);
    }
}
