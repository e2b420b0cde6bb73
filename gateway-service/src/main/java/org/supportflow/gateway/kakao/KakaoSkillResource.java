package org.supportflow.gateway.kakao;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/channels/{channelId}/kakao/skill} (CONTRACT.md §1b): Open Builder's SkillPayload, taken
 * as raw bytes so that size and key are checked before any parsing.
 */
@Path("/api/v1/channels/{channelId}/kakao/skill")
public class KakaoSkillResource {

    private final KakaoSkillService service;

    public KakaoSkillResource(KakaoSkillService service) {
        this.service = service;
    }

    @POST
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> post(@PathParam("channelId") String channelId,
                              @HeaderParam(KakaoSkillService.SKILL_KEY_HEADER) String skillKey,
                              byte[] body) {
        return service.answer(channelId, skillKey, body)
                .map(answer -> Response.ok(answer).type(MediaType.APPLICATION_JSON_TYPE).build());
    }
}
