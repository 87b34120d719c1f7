package org.cscsign.signer;

/** One-line messages from exception chains. */
final class Messages {

    private Messages() {
    }

    /** The first line of the message, then the first lines of the causes' messages not already in it. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(firstLine(String.valueOf(e.getMessage())));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                sb.append(" (").append(firstLine(t.getMessage())).append(')');
            }
        }
        return sb.toString();
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
