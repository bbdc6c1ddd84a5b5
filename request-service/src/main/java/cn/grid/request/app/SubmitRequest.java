package cn.grid.request.app;

import cn.grid.request.domain.Channel;
import cn.grid.request.domain.RequestType;

import java.util.UUID;

/** Use-case input: a citizen (or a grid worker on a citizen's behalf) submits a ticket. */
public record SubmitRequest(RequestType type, Channel channel, String title, String description, Double latitude,
        Double longitude, String address, UUID gridNodeId) {
}
