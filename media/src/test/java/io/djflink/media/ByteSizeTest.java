package io.djflink.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Data-Juicer's size_to_bytes, quirks included. */
class ByteSizeTest {

    @Test
    void aNumberWithoutUnitIsBytes() {
        assertThat(ByteSize.parse("0")).isEqualTo(BigInteger.ZERO);
        assertThat(ByteSize.parse("2048")).isEqualTo(BigInteger.valueOf(2048));
    }

    @Test
    void unitsArePowersOf1024WhateverTheirCase() {
        assertThat(ByteSize.parse("120kb")).isEqualTo(BigInteger.valueOf(120L << 10));
        assertThat(ByteSize.parse("180KiB")).isEqualTo(BigInteger.valueOf(180L << 10));
        assertThat(ByteSize.parse("1MB")).isEqualTo(BigInteger.valueOf(1L << 20));
        assertThat(ByteSize.parse("2MiB")).isEqualTo(BigInteger.valueOf(2L << 20));
        assertThat(ByteSize.parse("1TB")).isEqualTo(BigInteger.ONE.shiftLeft(40));
        assertThat(ByteSize.parse("1YiB")).isEqualTo(BigInteger.ONE.shiftLeft(80));
    }

    @Test
    void everyNonDigitIsDroppedFromTheNumber() {
        // Data-Juicer joins the digits: "1.5MB" reads as 15 MiB, "1 024 KB" as 1024 KiB.
        assertThat(ByteSize.parse("1.5MB")).isEqualTo(BigInteger.valueOf(15L << 20));
        assertThat(ByteSize.parse("1 024 KB")).isEqualTo(BigInteger.valueOf(1024L << 10));
    }

    @Test
    void aStringWithoutDigitsOrWithAnUnknownUnitIsRefused() {
        assertThatThrownBy(() -> ByteSize.parse("MB")).hasMessageContaining("no number");
        assertThatThrownBy(() -> ByteSize.parse("10 bytes")).hasMessageContaining("unknown unit 'bytes'")
                .hasMessageContaining("KiB");
    }
}
