package io.nightshift.laptop;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local store: one H2 file under the data folder holding the Spring Batch job repository,
 * the interactions and catalog synced from Kafka, the trained models and the scored lists.
 * Everything in it but the job history can be rebuilt from Kafka: delete the folder and the
 * next run syncs from the start of the topics.
 */
@Configuration(proxyBeanMethods = false)
class LocalStoreConfiguration {

    @Bean
    DataSource dataSource(LaptopProperties properties) {
        Path folder = properties.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the laptop's data folder " + folder
                    + "; set nightshift.laptop.data-dir to a writable folder", e);
        }
        // An absolute path: H2 refuses paths that are only implicitly relative to the working directory.
        // CACHE_SIZE (KB): with H2's default 16 MB, syncing 800k interactions spent a third of its time re-reading
        // index pages evicted from the cache (each row touches three B-trees, again at commit); 64 MB holds them.
        return DataSourceBuilder.create()
                .driverClassName("org.h2.Driver")
                .url("jdbc:h2:file:" + folder.resolve("store") + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=65536")
                .username("sa")
                .password("")
                .build();
    }
}
