package nl.inzage.bench;

/** Prints the Cerbos resource policy of the benchmark (the same policy as the other engines). */
public final class CerbosPolicy {

    public static void main(String[] args) {
        System.out.print(LoadGen.cerbosPolicy());
    }
}
