package io.djflink.job.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out file splits in the order of the job's input list, also after a restore. In streaming
 * mode a file reader that finishes one file takes the next, and its watermark has already moved
 * past the first file's event times; when the inputs are listed in time order, reading them in
 * that order keeps their samples on time. Flink's default assigner picks by locality and forgets
 * the order on restore.
 */
public final class InputOrderSplitAssigner implements FileSplitAssigner {

    private final TreeSet<FileSourceSplit> unassigned;

    private InputOrderSplitAssigner(List<String> files, Collection<FileSourceSplit> splits) {
        Comparator<FileSourceSplit> byInput = Comparator
                .comparingInt((FileSourceSplit s) -> rank(files, s))
                .thenComparing(s -> s.path().toUri().getPath())
                .thenComparingLong(FileSourceSplit::offset)
                .thenComparing(FileSourceSplit::splitId);
        this.unassigned = new TreeSet<>(byInput);
        this.unassigned.addAll(splits);
    }

    /** A provider for the job's input files (as Flink path strings, in the order that defines "earlier"). */
    public static Provider forFiles(List<String> files) {
        List<String> paths = new ArrayList<>();
        for (String f : files) {
            paths.add(new org.apache.flink.core.fs.Path(f).toUri().getPath());
        }
        return splits -> new InputOrderSplitAssigner(paths, splits);
    }

    private static int rank(List<String> files, FileSourceSplit s) {
        int i = files.indexOf(s.path().toUri().getPath());
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(unassigned.pollFirst());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> splits) {
        unassigned.addAll(splits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(unassigned);
    }
}
