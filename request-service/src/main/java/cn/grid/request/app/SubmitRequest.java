package cn.grid.request.app;

import cn.grid.request.domain.Channel;
import cn.grid.request.domain.RequestType;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Use-case input: a citizen (or a grid worker on a citizen's behalf) submits a ticket. The type may be left
 * out when the category names it; the category may be left out for the type's general category.
 */
public record SubmitRequest(RequestType type, String category, Channel channel, String title, String description,
        Double latitude, Double longitude, String address, UUID gridNodeId, List<String> photos,
        Map<String, Object> attributes, String contactName, String contactPhone) {
}
