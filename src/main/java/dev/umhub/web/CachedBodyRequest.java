package dev.umhub.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A request whose body the front door has already read in full. Its body is served from memory; its parameters come
 * from the query string only. Bodies are JSON whatever the Content-Type says: a POST without one (curl's default is
 * form-urlencoded) or with a form or multipart type is presented as {@code application/json}, so neither the
 * container, Spring's multipart support nor Camel parses it as a form.
 */
final class CachedBodyRequest extends HttpServletRequestWrapper {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/";
    private static final int READER_BUFFER_CHARS = 8192;

    private final byte[] body;
    private final boolean presentAsJson;
    private final Map<String, String[]> parameters = new LinkedHashMap<>();

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
        String type = request.getContentType();
        String t = type == null ? null : type.toLowerCase(java.util.Locale.ROOT);
        // types the container or Spring would parse on their own, from a stream that was read already
        this.presentAsJson = t == null || t.startsWith(FORM) || t.startsWith(MULTIPART);
        String query = request.getQueryString();
        if (query != null) {
            MultiValueMap<String, String> q = UriComponentsBuilder.newInstance().query(query).build().getQueryParams();
            q.forEach((k, v) -> parameters.put(decode(k), v.stream().map(CachedBodyRequest::decode).toArray(String[]::new)));
        }
    }

    private static String decode(String s) {
        try {
            return s == null ? "" : java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body was read already");
            }
        };
    }

    /**
     * Decoded at once and buffered to the body's size: Camel's platform-http reads every body through here, and the
     * default reader (8 K chars over an 8 K byte decoder) allocated about 24 KB for a webhook of 2 KB.
     */
    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new StringReader(new String(body, StandardCharsets.UTF_8)),
                Math.max(1, Math.min(body.length, READER_BUFFER_CHARS)));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public String getContentType() {
        return presentAsJson ? "application/json" : super.getContentType();
    }

    @Override
    public String getHeader(String name) {
        if ("content-type".equalsIgnoreCase(name)) {
            return getContentType();
        }
        if ("content-length".equalsIgnoreCase(name)) {
            return String.valueOf(body.length);
        }
        if ("transfer-encoding".equalsIgnoreCase(name)) {
            return null;
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        String v = getHeader(name);
        if ("content-type".equalsIgnoreCase(name) || "content-length".equalsIgnoreCase(name)
                || "transfer-encoding".equalsIgnoreCase(name)) {
            return Collections.enumeration(v == null ? List.of() : List.of(v));
        }
        return super.getHeaders(name);
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        return parameters.get(name);
    }
}
