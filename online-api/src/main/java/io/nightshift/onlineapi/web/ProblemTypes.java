package io.nightshift.onlineapi.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.net.URI;

/**
 * Gives every problem detail a controller builds itself (an unknown product, a refused batch) the
 * type and title {@link Problems} would have given it: clients switch on {@code type}, and Spring
 * leaves {@code about:blank} out of the JSON.
 */
@ControllerAdvice
class ProblemTypes implements ResponseBodyAdvice<Object> {

    private static final URI BLANK = URI.create("about:blank");

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                         Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                         ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            complete(problem);
        }
        return body;
    }

    static void complete(ProblemDetail problem) {
        if (problem.getType() == null || BLANK.equals(problem.getType())) {
            problem.setType(Problems.type(problem.getStatus()));
        }
        if (problem.getTitle() == null) {
            problem.setTitle(Problems.title(problem.getStatus()));
        }
    }
}
