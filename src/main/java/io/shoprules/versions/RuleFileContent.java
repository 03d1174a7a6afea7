package io.shoprules.versions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;

/** The bytes of one file of some version, stored once whatever number of versions hold it. */
@Entity
@Table(name = "rule_file_content")
public class RuleFileContent extends PanacheEntityBase {

    private static final String UTF8 = "utf8";
    private static final String BASE64 = "base64";

    @Id
    @Column(name = "content_hash")
    public String contentHash;

    /** {@code utf8} for text, {@code base64} for anything that is not valid UTF-8 (a spreadsheet). */
    public String encoding;

    public String content;

    static RuleFileContent of(String contentHash, byte[] bytes) {
        RuleFileContent file = new RuleFileContent();
        file.contentHash = contentHash;
        try {
            file.content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            file.encoding = UTF8;
        } catch (CharacterCodingException e) {
            file.content = Base64.getEncoder().encodeToString(bytes);
            file.encoding = BASE64;
        }
        return file;
    }

    byte[] bytes() {
        return BASE64.equals(encoding) ? Base64.getDecoder().decode(content) : content.getBytes(StandardCharsets.UTF_8);
    }
}
