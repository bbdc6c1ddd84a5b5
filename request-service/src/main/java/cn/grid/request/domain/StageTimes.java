package cn.grid.request.domain;

/** Average seconds from submission to the first acceptance, to being taken (signed or claimed), to resolution. */
public record StageTimes(Double toAccept, Double toTake, Double toResolve) {
}
