package dev.umhub.admin;

import dev.umhub.store.Json;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The admin API's answers are turned into JSON trees by umhub's own mapper before Spring writes them, so a host
 * application's Jackson settings (a snake_case naming strategy, numeric dates) never change umhub's API.
 */
@ControllerAdvice(annotations = UmhubAdminApi.class)
public class AdminJsonAnswers implements ResponseBodyAdvice<Object> {

    private final Json json;

    public AdminJsonAnswers(Json json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        return body == null || body instanceof ProblemDetail ? body : json.mapper().valueToTree(body);
    }
}
