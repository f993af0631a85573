package io.nightshift.cli.command;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.importer.ApiUpload;
import io.nightshift.cli.importer.ImportSummary;
import io.nightshift.cli.importer.Importer;
import io.nightshift.cli.importer.RejectsFile;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.cli.stack.StackLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Loads a public dataset into the shop through the online API, as a shop's backend would: the
 * catalog first (so every product exists before it is mentioned), then the events in batches.
 * Event ids are derived from the file, so importing the same file twice changes nothing.
 */
@Command(name = "import", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Import a dataset through the running stack's API (or --api).",
                "The catalog first, then the events in batches of 500.",
                "Bad lines are reported and written to a rejects file; a re-import of the same file changes nothing.",
                "Examples:",
                "  ./nightshift import sequences ../shared/data/amazon-beauty/Beauty.txt",
                "  ./nightshift import movielens ml-100k/u.data",
                "  ./nightshift import csv ../shared/data/groceries/Groceries_dataset.csv \\",
                "      --user 0 --time 1 --time-format dd-MM-yyyy --item 2 --event-type purchase"})
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FORMAT", description = "movielens, sequences or csv")
    String format;

    @Parameters(index = "1", paramLabel = "FILE", description = "the dataset file")
    Path file;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--rejects", paramLabel = "PATH", description = "where bad lines go (default: <file name>.rejects in the working directory)")
    Path rejects;

    @Option(names = "--api", paramLabel = "URL", description = "the online API to import into, instead of the running stack's")
    String api;

    @Override
    public Integer call() {
        Importer importer = dataset.importer(format, file);
        ApiClient client = client();
        Progress progress = new Progress(System.out);
        progress.info("Importing " + file + " into " + client.url("") + " ...");
        Importer.Catalogued scan = progress.step("reading " + file.getFileName(), () -> scan(importer, progress));
        ImportSummary summary = scan.summary();
        if (summary.imported() == 0) {
            throw new IllegalStateException("nothing to import from " + file + ": " + summary.describe()
                    + (summary.rejected() > 0 ? "; see " + rejectsFile() + " for why lines were rejected" : ""));
        }
        ApiUpload upload = new ApiUpload(client, progress);
        upload.catalog(scan.catalog());
        upload.events(summary.imported(), events -> importer.read(events, reject -> { }));
        progress.info("Imported: " + summary.describe() + String.format(" in %.1f s", progress.elapsed().toMillis() / 1000.0));
        if (summary.rejected() > 0) {
            progress.info("Rejected lines (line, reason, text): " + rejectsFile());
        }
        if (summary.duplicates() > 0) {
            progress.info("Duplicates (same user, item, time and type as an earlier line) were imported too: each line is one interaction.");
        }
        return 0;
    }

    private Importer.Catalogued scan(Importer importer, Progress progress) {
        try (RejectsFile rejectsFile = new RejectsFile(rejectsFile(), progress)) {
            return importer.read(event -> { }, rejectsFile);
        }
    }

    private ApiClient client() {
        if (api != null) {
            return new ApiClient(api.replaceAll("/+$", ""), System.getenv().getOrDefault("NIGHTSHIFT_ADMIN_TOKEN", ApiClient.DEMO_TOKEN));
        }
        return RunningStack.api(RunningStack.require(StackLayout.discover()));
    }

    private Path rejectsFile() {
        return rejects != null ? rejects : Path.of(file.getFileName() + ".rejects");
    }
}
