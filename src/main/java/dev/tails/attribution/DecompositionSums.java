package dev.tails.attribution;

/** Running sums of decompositions over tokens, turned into the mean decomposition. */
final class DecompositionSums {
    private final double[] units;
    private double beta;
    private double residual;
    private double bias;

    DecompositionSums(int units) {
        this.units = new double[units];
    }

    void add(Decomposition parts) {
        beta += parts.beta();
        residual += parts.residual();
        bias += parts.bias();
        for (int i = 0; i < units.length; i++) {
            units[i] += parts.units()[i];
        }
    }

    Decomposition mean(long count) {
        double[] means = new double[units.length];
        for (int i = 0; i < units.length; i++) {
            means[i] = units[i] / count;
        }
        return new Decomposition(beta / count, residual / count, bias / count, means);
    }
}
