package io.defines.core.input;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Jackson's YAML parser with the two facts of the current YAML event it does not expose: the anchor of
 * a scalar value ({@code n: &n 3}; Jackson reports anchors of mappings and lists only) and whether a
 * key was written plain ({@code <<} is a merge key, {@code "<<"} a string).
 */
final class YamlEvents {

    private YamlEvents() {
    }

    /** A factory whose parsers (from a {@link Reader}) are {@link Parser}s. */
    static final class Factory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        Factory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) throws IOException {
            return new Parser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }
    }

    /** The parser, with access to the current event. */
    static final class Parser extends YAMLParser {
        Parser(IOContext ctxt, int parserFeatures, int formatFeatures, org.yaml.snakeyaml.LoaderOptions loaderOptions,
               com.fasterxml.jackson.core.ObjectCodec codec, Reader reader) {
            super(ctxt, parserFeatures, formatFeatures, loaderOptions, codec, reader);
        }

        /** The anchor of the current token: of a scalar from its event, else as Jackson reports it. */
        String anchor() {
            return _lastEvent instanceof ScalarEvent s ? s.getAnchor() : getCurrentAnchor();
        }

        /** Whether the current scalar (a key or a value) is written plain, without quotes. */
        boolean plain() {
            return _lastEvent instanceof ScalarEvent s && s.getScalarStyle() == ScalarStyle.PLAIN;
        }
    }
}
