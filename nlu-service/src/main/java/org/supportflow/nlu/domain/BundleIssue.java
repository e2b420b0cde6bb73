package org.supportflow.nlu.domain;

/**
 * One finding of the validation: an error refuses the bundle, a warning is reported with it.
 *
 * @param file the bundle file, e.g. {@code train-ko.tsv}
 * @param line 1-based line in that file, 0 when the finding is about the file or the bundle as a whole
 */
public record BundleIssue(Severity severity, String file, int line, String message) {

    public enum Severity { ERROR, WARNING }

    public static BundleIssue error(String file, int line, String message) {
        return new BundleIssue(Severity.ERROR, file, line, message);
    }

    public static BundleIssue warning(String file, int line, String message) {
        return new BundleIssue(Severity.WARNING, file, line, message);
    }

    @Override
    public String toString() {
        return (file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ") + message;
    }
}
