package io.djflink.ops.text;

import static io.djflink.ops.text.MapperTestSupport.mapper;
import static io.djflink.ops.text.MapperTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.ParamException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoveSpecificCharsMapperTest {

    @Test
    void defaultSetIsRemoved() throws Exception {
        assertThat(run(mapper("remove_specific_chars_mapper"), "►a▻b□")).isEqualTo("ab");
    }

    @Test
    void pipeIsRemovedWhenSeveralCharactersAreJoined() throws Exception {
        // Data-Juicer joins the items with '|' inside the class, so '|' is removed as well.
        assertThat(run(mapper("remove_specific_chars_mapper"), "| a | b | ◆")).isEqualTo(" a  b  ");
    }

    @Test
    void singleCharacterStringKeepsPipe() throws Exception {
        assertThat(run(mapper("remove_specific_chars_mapper", Map.of("chars_to_remove", "x")), "a|x")).isEqualTo("a|");
    }

    @Test
    void multiCharacterListItemsRemoveEachOfTheirCharacters() throws Exception {
        var m = mapper("remove_specific_chars_mapper", Map.of("chars_to_remove", List.of("ab", "c")));
        assertThat(run(m, "abcabd|e")).isEqualTo("de");
    }

    @Test
    void singleListItemAddsNoPipe() throws Exception {
        var m = mapper("remove_specific_chars_mapper", Map.of("chars_to_remove", List.of("ab")));
        assertThat(run(m, "a|b")).isEqualTo("|");
    }

    @Test
    void emojiIsRemovedWhole() throws Exception {
        var m = mapper("remove_specific_chars_mapper", Map.of("chars_to_remove", "😀"));
        assertThat(run(m, "a😀b😁")).isEqualTo("ab😁");
    }

    @Test
    void dashKeepsItsRangeMeaning() throws Exception {
        // "[a|-|z]": the range |-| is just '|', so only a, | and z go.
        var m = mapper("remove_specific_chars_mapper", Map.of("chars_to_remove", "a-z"));
        assertThat(run(m, "abz-|")).isEqualTo("b-");
    }

    @Test
    void emptySelectionRemovesNothing() throws Exception {
        assertThat(run(mapper("remove_specific_chars_mapper", Map.of("chars_to_remove", "")), "◆")).isEqualTo("◆");
        assertThat(run(mapper("remove_specific_chars_mapper", Map.of("chars_to_remove", List.of())), "◆")).isEqualTo("◆");
    }

    @Test
    void selectionThatBreaksTheClassIsRefused() {
        assertThatThrownBy(() -> mapper("remove_specific_chars_mapper", Map.of("chars_to_remove", "\\")))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.param()).isEqualTo("chars_to_remove"));
    }

    @Test
    void emptyTextStaysEmpty() throws Exception {
        assertThat(run(mapper("remove_specific_chars_mapper"), "")).isEmpty();
    }
}
