package nl.inzage.consent.migration;

import java.io.Closeable;
import java.util.Iterator;

/** The records of one file, read one at a time: the file is never held in memory. */
public interface MigrationRecords extends Iterator<MigrationRecord>, Closeable {
}
