package cn.grid.seeds.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.List;

/**
 * dataset/places.json: the districts' trees of places, with the people, party organisations and teams each place
 * has. {@code startDate} is the day every role and membership starts.
 */
public record PlacesFile(@JsonProperty("_about") String about, LocalDate startDate, List<PlaceSpec> districts) {

    public PlacesFile {
        Required.present(startDate, "startDate");
        districts = Required.orEmpty(districts);
    }
}
