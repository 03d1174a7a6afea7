package io.shoprules.complaint;

import io.shoprules.engine.Decision;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Many complaints of one kind about one SKU in a short time: something is wrong with the product
 * or its delivery, not with one order.
 *
 * @param count        complaints in the busiest window
 * @param windowStart  when the first of them was made
 * @param complaintIds the complaints in that window
 */
public record CrisisAlert(String skuId, ComplaintType complaintType, int count, OffsetDateTime windowStart,
                          List<String> complaintIds) implements Decision {

    public static final String TYPE = "CRISIS_ALERT";

    public CrisisAlert {
        complaintIds = List.copyOf(complaintIds);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return skuId;
    }

    @Override
    public List<String> factIds() {
        return complaintIds;
    }
}
