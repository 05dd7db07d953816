package dev.umhub.admin;

import dev.umhub.camel.routes.RouteFileState;
import dev.umhub.camel.routes.RouteFiles;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;

/** umhub's route files: which run, which are refused and why (with the file and line), their routes and paths. */
@UmhubAdminApi
public class RoutesController {

    private final RouteFiles routes;

    public RoutesController(RouteFiles routes) {
        this.routes = routes;
    }

    @GetMapping("/routes")
    public List<RouteFileState> routes() {
        return routes.states();
    }
}
