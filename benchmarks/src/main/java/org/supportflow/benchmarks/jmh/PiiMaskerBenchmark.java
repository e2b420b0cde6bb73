package org.supportflow.benchmarks.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.supportflow.contracts.privacy.PiiMasker;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The PII masker on worst-case inputs of the longest text the contract allows (4,000 characters): what
 * a customer inside the rate limit could send to make masking slow for everyone, plus one ordinary
 * message as the baseline. One operation = one {@link PiiMasker#mask} call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PiiMaskerBenchmark {

    private static final int LENGTH = 4000;

    static final Map<String, String> INPUTS = Map.of(
            "typical", "환불 계좌 110-123-456789 신한, 연락처 010-1234-5678, 메일 hong@example.com 입니다",
            "noAt", fill("abcde.fghij_"),
            "manyAt", fill("a@"),
            "digits", fill("4"),
            "digitGroups", fill("12-"),
            "separators", fill("-. /"),
            "hangulDigits", fill("공일공 칠삼구일 이팔오공이에요 "),
            "mixedHangul", fill("배송 언제 와요 공일 2850 ＠ ０１０ "));

    @Param({"typical", "noAt", "manyAt", "digits", "digitGroups", "separators", "hangulDigits", "mixedHangul"})
    public String input;

    private final PiiMasker masker = new PiiMasker();
    private String text;

    @Setup
    public void setUp() {
        text = INPUTS.get(input);
    }

    @Benchmark
    public PiiMasker.Masked mask() {
        return masker.mask(text);
    }

    static String fill(String unit) {
        return unit.repeat(LENGTH / unit.length() + 1).substring(0, LENGTH);
    }
}
