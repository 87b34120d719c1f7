package org.cscsign.validator;

import eu.europa.esig.dss.xml.common.DocumentBuilderFactoryBuilder;
import eu.europa.esig.dss.xml.common.XmlDefinerUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;

/**
 * Routes the parse errors of DSS's XML parsers to the log instead of the process's stderr.
 *
 * <p>DSS parses XML with {@code DomUtils}, whose {@code DocumentBuilder}s get no
 * {@link ErrorHandler}; the JDK's built-in Xerces then uses its default handler, which prints
 * {@code [Fatal Error] :1:1: Content is not allowed in prolog.} to {@code System.err} before the
 * exception DSS handles anyway (for instance while DSS probes whether a file is XML). DSS's own
 * hook for this, {@link XmlDefinerUtils#setDocumentBuilderFactoryBuilder}, is used to give every
 * such builder a handler that logs at DEBUG and still fails the parse on a fatal error. The
 * factory keeps all of DSS's security features (XXE protection): they are set by DSS's builder.
 */
final class QuietXmlParsers {

    private static final Logger LOG = LoggerFactory.getLogger(QuietXmlParsers.class);

    private QuietXmlParsers() {
    }

    /** Installs the logging error handler into DSS's XML set-up; idempotent. */
    static void install() {
        XmlDefinerUtils.getInstance().setDocumentBuilderFactoryBuilder(new LoggingBuilder());
    }

    /** DSS's secure factory builder, with factories that hand out quiet document builders. */
    private static final class LoggingBuilder extends DocumentBuilderFactoryBuilder {
        @Override
        protected DocumentBuilderFactory instantiateFactory() {
            return new LoggingFactory(super.instantiateFactory());
        }
    }

    private static final class LoggingErrorHandler implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            LOG.debug("XML parser warning: {}", e.getMessage());
        }

        @Override
        public void error(SAXParseException e) {
            LOG.debug("XML parser error: {}", e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            LOG.debug("XML parser fatal error: {}", e.getMessage());
            throw e;
        }
    }

    /** Delegates everything to the JDK's factory; only sets the error handler of new builders. */
    private static final class LoggingFactory extends DocumentBuilderFactory {
        private final DocumentBuilderFactory delegate;

        LoggingFactory(DocumentBuilderFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public DocumentBuilder newDocumentBuilder() throws ParserConfigurationException {
            DocumentBuilder builder = delegate.newDocumentBuilder();
            builder.setErrorHandler(new LoggingErrorHandler());
            return builder;
        }

        @Override
        public void setAttribute(String name, Object value) {
            delegate.setAttribute(name, value);
        }

        @Override
        public Object getAttribute(String name) {
            return delegate.getAttribute(name);
        }

        @Override
        public void setFeature(String name, boolean value) throws ParserConfigurationException {
            delegate.setFeature(name, value);
        }

        @Override
        public boolean getFeature(String name) throws ParserConfigurationException {
            return delegate.getFeature(name);
        }

        @Override
        public void setNamespaceAware(boolean awareness) {
            delegate.setNamespaceAware(awareness);
        }

        @Override
        public boolean isNamespaceAware() {
            return delegate.isNamespaceAware();
        }

        @Override
        public void setValidating(boolean validating) {
            delegate.setValidating(validating);
        }

        @Override
        public boolean isValidating() {
            return delegate.isValidating();
        }

        @Override
        public void setIgnoringElementContentWhitespace(boolean whitespace) {
            delegate.setIgnoringElementContentWhitespace(whitespace);
        }

        @Override
        public boolean isIgnoringElementContentWhitespace() {
            return delegate.isIgnoringElementContentWhitespace();
        }

        @Override
        public void setExpandEntityReferences(boolean expandEntityRef) {
            delegate.setExpandEntityReferences(expandEntityRef);
        }

        @Override
        public boolean isExpandEntityReferences() {
            return delegate.isExpandEntityReferences();
        }

        @Override
        public void setIgnoringComments(boolean ignoreComments) {
            delegate.setIgnoringComments(ignoreComments);
        }

        @Override
        public boolean isIgnoringComments() {
            return delegate.isIgnoringComments();
        }

        @Override
        public void setCoalescing(boolean coalescing) {
            delegate.setCoalescing(coalescing);
        }

        @Override
        public boolean isCoalescing() {
            return delegate.isCoalescing();
        }

        @Override
        public void setXIncludeAware(boolean state) {
            delegate.setXIncludeAware(state);
        }

        @Override
        public boolean isXIncludeAware() {
            return delegate.isXIncludeAware();
        }

        @Override
        public void setSchema(Schema schema) {
            delegate.setSchema(schema);
        }

        @Override
        public Schema getSchema() {
            return delegate.getSchema();
        }
    }
}
