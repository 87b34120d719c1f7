package org.cscsign.validator;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.spi.client.http.DSSFileLoader;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DSS file loader for the trusted-list job: a {@code file:} location is read fresh from disk on
 * every refresh (a cached copy would hide edits to a local list), anything else goes to the
 * delegate (a {@code FileCacheDataLoader}, online or cache-only).
 */
final class LocalOrCachedFileLoader implements DSSFileLoader {

    private static final long serialVersionUID = 1L;

    private final DSSFileLoader delegate;

    LocalOrCachedFileLoader(DSSFileLoader delegate) {
        this.delegate = delegate;
    }

    @Override
    public DSSDocument getDocument(String url) {
        if (url != null && url.regionMatches(true, 0, "file:", 0, 5)) {
            Path path = Path.of(URI.create(url));
            if (!Files.isRegularFile(path)) {
                throw new DSSExternalResourceException("trusted list file not found: " + path);
            }
            return new FileDocument(path.toFile());
        }
        return delegate.getDocument(url);
    }
}
