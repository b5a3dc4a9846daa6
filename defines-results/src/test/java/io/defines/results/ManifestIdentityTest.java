package io.defines.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestIdentityTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fieldsInManifestOrderReadBack() {
        ManifestIdentity id = new ManifestIdentity("ab12", 18, "2/3", List.of("point_id", "eval_ms"), false);
        assertThat(id.fields().keySet()).containsExactly("points_sha256", "points_total", "shard", "columns", "details");
        ObjectNode manifest = JSON.createObjectNode().put("name", "x");
        manifest.setAll((ObjectNode) JSON.valueToTree(id.fields()));
        assertThat(ManifestIdentity.read(manifest)).contains(id);
    }

    @Test
    void aManifestWithoutShardHasNoIdentity() {
        assertThat(ManifestIdentity.read(JSON.createObjectNode().put("points_sha256", "ab12"))).isEmpty();
        assertThat(ManifestIdentity.read(JSON.createObjectNode().put("shard", "1/1"))).isEmpty();
    }

    @Test
    void detailsDefaultToPresent() {
        ObjectNode old = JSON.createObjectNode().put("points_sha256", "ab12").put("points_total", 3).put("shard", "1/1");
        assertThat(ManifestIdentity.read(old).orElseThrow().details()).isTrue();
    }
}
