package org.supportflow.contracts.privacy;

import java.util.List;

/**
 * E-mail addresses, found from their {@code @} outwards instead of by a regular expression that tries
 * every start position: each {@code @} expands left over the local part and right over the domain, and
 * neither expansion crosses another {@code @}, so every character is looked at a bounded number of
 * times. One space on either side of the {@code @} is tolerated ({@code hong @ example.com}). The domain
 * needs a dot and an alphabetic top-level label of two letters or more.
 */
final class EmailFinder {

    private EmailFinder() {
    }

    static void find(String text, List<PiiMasker.Match> out) {
        int searchFrom = 0;
        int at;
        while ((at = text.indexOf('@', searchFrom)) >= 0) {
            searchFrom = at + 1;
            int localEnd = at;
            if (localEnd > 0 && text.charAt(localEnd - 1) == ' ') {
                localEnd--;
            }
            int start = localEnd;
            while (start > 0 && isLocalChar(text.charAt(start - 1))) {
                start--;
            }
            // A local part never starts with a dot ("...hong@" masks "hong@", not the ellipsis).
            while (start < localEnd && text.charAt(start) == '.') {
                start++;
            }
            if (start == localEnd) {
                continue;
            }
            int domainStart = at + 1;
            if (domainStart < text.length() && text.charAt(domainStart) == ' ') {
                domainStart++;
            }
            int end = domainStart;
            while (end < text.length() && isDomainChar(text.charAt(end))) {
                end++;
            }
            while (end > domainStart && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            if (hasTopLevelLabel(text, domainStart, end)) {
                out.add(new PiiMasker.Match(PiiKind.EMAIL, start, end));
                searchFrom = Math.max(searchFrom, end);
            }
        }
    }

    /** A dot inside the domain, followed by two or more ASCII letters up to its end. */
    private static boolean hasTopLevelLabel(String text, int start, int end) {
        int letters = 0;
        for (int i = end - 1; i > start; i--) {
            char c = text.charAt(i);
            if (c == '.') {
                return letters >= 2;
            }
            if (!isAsciiLetter(c)) {
                return false;
            }
            letters++;
        }
        return false;
    }

    private static boolean isLocalChar(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomainChar(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '.' || c == '-';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
