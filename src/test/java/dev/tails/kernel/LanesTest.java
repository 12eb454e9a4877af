package dev.tails.kernel;

import dev.tails.TailsException;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanesTest {
    private static final int PREFERRED = FloatVector.SPECIES_PREFERRED.vectorBitSize();

    /** The second surefire execution sets tails.vector.bits=256: this is what makes it test the AVX2 path. */
    @Test
    void kernelsRunAtTheForcedWidthOrElseThePreferredOne() {
        int bits = Integer.getInteger("tails.vector.bits", PREFERRED);
        assertEquals(bits, Lanes.species().vectorBitSize());
        assertEquals(bits / 32, Kernels.lanes());
    }

    @Test
    void theWidthDecidesTheTile() {
        String tile = Kernels.lanes() >= 16 ? ", 6x4 tile, " : ", 5x2 tile, ";
        assertTrue(Kernels.describe().contains(tile), Kernels.describe());
        assertEquals(Tile.VECTORS * Kernels.lanes(), Panels.WIDTH);
    }

    @Test
    void narrowerWidthsCanBeChosen() {
        assertEquals(PREFERRED, Lanes.choose(0).vectorBitSize());
        for (int bits = 128; bits <= PREFERRED; bits *= 2) {
            assertEquals(bits / 32, Lanes.choose(bits).length());
        }
    }

    @Test
    void widerThanTheCpuOrOddWidthsAreRefused() {
        for (int bits : new int[]{64, 192, 2 * PREFERRED, -256}) {
            TailsException e = assertThrows(TailsException.class, () -> Lanes.choose(bits));
            assertTrue(e.getMessage().contains("tails.vector.bits"), e.getMessage());
        }
    }
}
