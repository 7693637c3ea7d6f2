package dev.lkmmhazard.report;

import java.util.List;

/**
 * What happened to one input file of a scan.
 *
 * @param path         the file as the user named it (or as found below a directory they named)
 * @param ok           whether it was read and scanned
 * @param error        null when ok, else the one-line error ({@code FILE:LINE:COL: error: ...})
 * @param stage        {@code optimized} or {@code pre-optimization}: which checks ran; null when not read
 * @param functions    defined functions scanned
 * @param instructions instructions in them
 * @param notes        remarks for the user: a check skipped for want of debug info, how the stage was told
 */
public record FileResult(String path, boolean ok, String error, String stage, int functions, long instructions,
                         List<String> notes) {
    public FileResult {
        notes = List.copyOf(notes);
    }

    public static FileResult failed(String path, String error) {
        return new FileResult(path, false, error, null, 0, 0, List.of());
    }
}
