/**
 * Editor side of the `atrium/widget` block, plain JS on WordPress's globals (no build step).
 * The editor shows a placeholder, not the live widget: the post stores the widget's name and
 * attributes, and the page renders it server-side (includes/block.php).
 */
( function ( wp ) {
	var el = wp.element.createElement;
	var __ = wp.i18n.__;
	var useBlockProps = wp.blockEditor.useBlockProps;
	var InspectorControls = wp.blockEditor.InspectorControls;
	var PanelBody = wp.components.PanelBody;
	var TextControl = wp.components.TextControl;
	var TextareaControl = wp.components.TextareaControl;
	var Placeholder = wp.components.Placeholder;

	/** `base=USD` lines ⇄ { base: 'USD' }: what an author types is what the element gets. */
	function toText( attributes ) {
		return Object.keys( attributes || {} ).map( function ( key ) {
			return key + '=' + attributes[ key ];
		} ).join( '\n' );
	}
	function fromText( text ) {
		var attributes = {};
		text.split( '\n' ).forEach( function ( line ) {
			var at = line.indexOf( '=' );
			var key = ( at < 0 ? line : line.slice( 0, at ) ).trim().toLowerCase();
			if ( key ) attributes[ key ] = at < 0 ? '' : line.slice( at + 1 ).trim();
		} );
		return attributes;
	}

	wp.blocks.registerBlockType( 'atrium/widget', {
		apiVersion: 2,
		title: __( 'Atrium widget', 'atrium' ),
		category: 'embed',
		icon: 'screenoptions',
		attributes: {
			name: { type: 'string', default: '' },
			attributes: { type: 'object', default: {} },
		},
		edit: function ( props ) {
			var name = props.attributes.name;
			var summary = toText( props.attributes.attributes ).split( '\n' ).filter( Boolean ).join( ', ' );
			return el(
				'div',
				useBlockProps(),
				el(
					InspectorControls,
					null,
					el(
						PanelBody,
						{ title: __( 'Widget', 'atrium' ) },
						el( TextControl, {
							label: __( 'Widget name', 'atrium' ),
							help: __( 'As listed in your Atrium deployment, e.g. markets.', 'atrium' ),
							value: name,
							onChange: function ( value ) {
								props.setAttributes( { name: value.trim().toLowerCase() } );
							},
						} ),
						el( TextareaControl, {
							label: __( 'Attributes', 'atrium' ),
							help: __( 'One per line, e.g. base=USD', 'atrium' ),
							value: toText( props.attributes.attributes ),
							onChange: function ( value ) {
								props.setAttributes( { attributes: fromText( value ) } );
							},
						} )
					)
				),
				el(
					Placeholder,
					{
						icon: 'screenoptions',
						label: name ? __( 'Atrium widget: ', 'atrium' ) + name : __( 'Atrium widget', 'atrium' ),
						instructions: name
							? ( summary || __( 'No attributes.', 'atrium' ) ) + ' ' + __( 'The widget shows on the published page.', 'atrium' )
							: __( 'Set the widget name in the block settings (sidebar).', 'atrium' ),
					}
				)
			);
		},
		save: function () {
			return null;
		},
	} );
} )( window.wp );
